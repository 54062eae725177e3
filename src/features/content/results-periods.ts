/** Period presets of the results page: rolling windows up to now, and calendar months in Beijing time. */
export interface PeriodPreset {
  key: string
  label: string
  query: { days?: string; from?: string; to?: string }
}

const beijingToday = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

export function periodPresets(now = new Date()): PeriodPreset[] {
  const today = beijingToday(now)
  const [y, m] = today.split('-').map(Number) as [number, number]
  const prevY = m === 1 ? y - 1 : y
  const prevM = m === 1 ? 12 : m - 1
  const month = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}`
  return [
    { key: 'd7', label: '近 7 天', query: { days: '7' } },
    { key: 'd30', label: '近 30 天', query: { days: '30' } },
    { key: 'd90', label: '近 90 天', query: { days: '90' } },
    { key: 'this-month', label: '本月', query: { from: `${month(y, m)}-01`, to: today } },
    {
      key: 'last-month',
      label: '上月',
      query: { from: `${month(prevY, prevM)}-01`, to: `${month(prevY, prevM)}-${lastDayOf(prevY, prevM)}` },
    },
  ]
}
