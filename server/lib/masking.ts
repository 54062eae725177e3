/** 13812345678 → 138****5678 */
export const maskPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****')

/** 330106199001011234 → 3301**********1234 */
export const maskIdNo = (id: string) =>
  id.length >= 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****'

// 18-digit (or old 15-digit) ID numbers, mainland mobile numbers and 16–19 digit card numbers, not inside longer digit runs.
const SENSITIVE_NUMBER = /(?<!\d)(?:\d{17}[\dXx]|\d{15}|1[3-9]\d{9}|\d{16,19})(?![\dXx])/g

/**
 * Free text a manager typed (a follow-up note) with ID, mobile and card numbers masked: such numbers are never
 * needed in a note, and the note is shown to supervisors and kept for years (JR/T 0171, minimum necessary).
 */
export const maskNumbersInText = (text: string) =>
  text.replace(SENSITIVE_NUMBER, (n) => (/^1[3-9]\d{9}$/.test(n) ? maskPhone(n) : maskIdNo(n)))
