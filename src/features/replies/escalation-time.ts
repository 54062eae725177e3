/** "3 小时 10 分" for a span of minutes. */
export function spanText(minutes: number): string {
  const m = Math.max(0, Math.round(minutes))
  if (m < 60) return `${m} 分钟`
  const h = Math.floor(m / 60)
  if (h < 24) return m % 60 ? `${h} 小时 ${m % 60} 分` : `${h} 小时`
  return `${Math.floor(h / 24)} 天 ${h % 24} 小时`
}

/** Where an open question stands against its SLA: time left, or how late it is. */
export function slaText(slaDueAt: string, now: Date): { text: string; overdue: boolean } {
  const minutes = (Date.parse(slaDueAt) - now.getTime()) / 60_000
  return minutes >= 0
    ? { text: `剩 ${spanText(minutes)}`, overdue: false }
    : { text: `已超时 ${spanText(-minutes)}`, overdue: true }
}

export function ageText(createdAt: string, now: Date): string {
  return `${spanText((now.getTime() - Date.parse(createdAt)) / 60_000)}前`
}
