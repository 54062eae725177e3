/** Public face of the verification feature: what other features may import. */
export { default as VerificationSection } from './VerificationSection.vue'
