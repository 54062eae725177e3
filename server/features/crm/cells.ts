import { normalizeIdNo, normalizePhone } from '../../lib/pii.js'

/** One invalid cell: the column (as the bank named it) and why, never the value (it may be PII). */
export interface CellError {
  column: string
  reason: string
}

type Labels<T extends string> = Readonly<Record<T, readonly string[]>>

const DATE = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})$/
const DATETIME = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/
const pad = (n: string) => n.padStart(2, '0')

function validDate(y: string, m: string, d: string): string | null {
  const iso = `${y}-${pad(m)}-${pad(d)}`
  const t = new Date(`${iso}T00:00:00Z`)
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(iso) ? iso : null
}

/**
 * Reads one row's cells by column key, collecting every problem instead of stopping at the first,
 * so the report lists all of a row's errors at once. `label` maps a key to the header the file used.
 */
export class CellReader {
  readonly errors: CellError[] = []

  constructor(
    private readonly cells: Readonly<Record<string, string | undefined>>,
    private readonly label: (key: string) => string,
  ) {}

  private fail(key: string, reason: string): void {
    this.errors.push({ column: this.label(key), reason })
  }

  private raw(key: string, required: boolean): string | null {
    const value = (this.cells[key] ?? '').trim()
    // PostgreSQL cannot store U+0000; one such cell must not fail the whole batch.
    if (value.includes('\u0000')) {
      this.fail(key, '包含不允许的控制字符')
      return null
    }
    if (value === '') {
      if (required) this.fail(key, '必填项为空')
      return null
    }
    return value
  }

  text(key: string, max: number): string {
    return this.optionalText(key, max, true) ?? ''
  }

  optionalText(key: string, max: number, required = false): string | null {
    const value = this.raw(key, required)
    if (value !== null && value.length > max) this.fail(key, `长度超过 ${max} 个字符`)
    return value
  }

  /** Code-like ids: letters, digits, `-`, `_`, `.`, `@`. */
  id(key: string, required = true): string | null {
    const value = this.raw(key, required)
    if (value !== null && !/^[A-Za-z0-9._@-]{1,64}$/.test(value))
      this.fail(key, '只能包含字母、数字和 - _ . @，最长 64 位')
    return value
  }

  choice<T extends string>(key: string, labels: Labels<T>, required = true): T | null {
    const value = this.raw(key, required)
    if (value === null) return null
    const wanted = value.toLowerCase()
    for (const [code, names] of Object.entries(labels) as [T, readonly string[]][]) {
      if (code.toLowerCase() === wanted || names.some((n) => n.toLowerCase() === wanted)) return code
    }
    this.fail(
      key,
      `取值应为 ${(Object.entries(labels) as [T, readonly string[]][]).map(([c, n]) => `${c}/${n[0]}`).join('、')}`,
    )
    return null
  }

  int(key: string, min: number, max: number): number {
    const value = this.raw(key, true)
    if (value === null) return 0
    const n = Number(value)
    if (!Number.isInteger(n) || n < min || n > max) this.fail(key, `应为 ${min}–${max} 之间的整数`)
    return n
  }

  /** Yuan with at most two decimals (thousands separators allowed) → cents. */
  moneyCents(key: string): number {
    const value = this.raw(key, true)?.replace(/,/g, '') ?? null
    if (value === null) return 0
    if (!/^\d{1,13}(\.\d{1,2})?$/.test(value)) {
      this.fail(key, '应为不小于 0 的金额（元），最多两位小数')
      return 0
    }
    const [yuan, fen = ''] = value.split('.')
    return Number(yuan) * 100 + Number(fen.padEnd(2, '0'))
  }

  date(key: string, required = true): string | null {
    const value = this.raw(key, required)
    if (value === null) return null
    const m = DATE.exec(value)
    const iso = m ? validDate(m[1]!, m[2]!, m[3]!) : null
    if (!iso) this.fail(key, '日期格式应为 YYYY-MM-DD')
    return iso
  }

  /** A date or a Beijing-time date and time → ISO instant. */
  instant(key: string): string {
    const value = this.raw(key, true)
    if (value === null) return ''
    const m = DATETIME.exec(value) ?? DATE.exec(value)
    const day = m ? validDate(m[1]!, m[2]!, m[3]!) : null
    const [h = '0', min = '0', s = '0'] = m?.slice(4).map((x) => x ?? '0') ?? []
    if (!day || Number(h) > 23 || Number(s) > 59) {
      this.fail(key, '时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm:ss（北京时间）')
      return ''
    }
    return new Date(`${day}T${pad(h)}:${pad(min)}:${pad(s)}+08:00`).toISOString()
  }

  phone(key: string): string {
    const value = this.raw(key, true)
    if (value === null) return ''
    const phone = normalizePhone(value)
    if (!phone) this.fail(key, '应为 11 位中国大陆手机号')
    return phone ?? ''
  }

  idNo(key: string): string {
    const value = this.raw(key, true)
    if (value === null) return ''
    const id = normalizeIdNo(value)
    if (!id) this.fail(key, '证件号码应为 6–32 位字母或数字（Excel 中请设为文本格式）')
    return id ?? ''
  }

  list(key: string, maxItems: number, maxLength: number): string[] {
    const value = this.raw(key, false)
    if (value === null) return []
    const items = [
      ...new Set(
        value
          .split(/[|;；,，、]/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ]
    if (items.length > maxItems || items.some((t) => t.length > maxLength))
      this.fail(key, `最多 ${maxItems} 个，每个不超过 ${maxLength} 个字符`)
    return items
  }
}
