const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** ISO 7064 MOD 11-2 check character of an 18-digit resident ID (GB 11643), from its first 17 digits. */
export function idCheckChar(body17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

export function isValidIdNo(idNo: string): boolean {
  return /^\d{17}[\dX]$/.test(idNo) && idCheckChar(idNo.slice(0, 17)) === idNo[17]
}

/** Region code + birth date + 3-digit sequence (odd for men, even for women) + check character. */
export function buildIdNo(regionCode: string, birthDate: string, sequence: number): string {
  const body = regionCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0')
  return body + idCheckChar(body)
}
