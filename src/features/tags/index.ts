/** Public face of 企业客户标签 on the front end: the sidebar section and the picker tasks reuse. */
export { default as ContactTagsSection } from './ContactTagsSection.vue'
export { default as TagPicker } from './TagPicker.vue'
export { fetchCatalogue } from './tags.api'
