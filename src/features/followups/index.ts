/** Public face of 跟进记录 in the sidebar: notes per customer and their marketing consent. */
export { default as FollowupSection } from './FollowupSection.vue'
