/**
 * Strips customer details from a question before the middle office sees it in aggregate: ID numbers,
 * card numbers, phone numbers, other long digit runs, and the surname before a title (王先生 → *先生) or after
 * 我叫/姓名. What remains is the question, not the person.
 */
export function maskQuestion(text: string): string {
  return text
    .replace(/(?<!\d)(\d{17}[\dXx]|\d{15})(?![\dXx])/g, '[证件号]')
    .replace(/(?<!\d)\d{12,19}(?!\d)/g, '[卡号]')
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '[手机号]')
    .replace(/\d{6,}/g, '[数字]')
    .replace(/(我叫|姓名[:：]?|名字叫)\s*[\p{Script=Han}]{1,3}/gu, '$1*')
    .replace(/[\p{Script=Han}](先生|女士|小姐|阿姨|叔叔|老师|总)/gu, '*$1')
}

/** One key per wording: case, width, spaces and punctuation do not split a question's count. */
export const questionKey = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}[\]*]/gu, '')
