import { z } from 'zod'

const bool01 = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')

const EnvSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://…')
    .default('sqlite:data/advisor.db'),
  DEMO: bool01.default(false),
  /** DEMO only: `new-corp` starts with the WeCom side full and our relations table empty (first day on a corp). */
  DEMO_SCENARIO: z.enum(['bank', 'new-corp'], { error: 'must be bank or new-corp' }).default('bank'),
  WECOM_CORP_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be the corp ID')
    .optional(),
  WECOM_AGENT_ID: z
    .string()
    .regex(/^\d{1,12}$/, 'must be the numeric AgentID')
    .optional(),
  WECOM_SECRET: z.string().min(8, 'must be the app secret').optional(),
  WECOM_CALLBACK_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits')
    .optional(),
  WECOM_CALLBACK_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters or digits')
    .optional(),
  WECOM_API_BASE: z.url({ error: 'must be an http(s) URL ending in /cgi-bin' }).optional(),
  PUBLIC_BASE_URL: z.url({ error: 'must be an http(s) URL' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VERIFY_LINK_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  PII_ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=)*$/,
      'must be id:base64-of-32-bytes[,id:key…], the first one active',
    )
    .optional(),
  PII_HASH_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  CRM_SOURCE_URL: z.url({ error: 'must be an http(s) URL' }).optional(),
  CRM_SOURCE_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number({ error: 'must be milliseconds' }).int().min(0).default(30_000),
  PG_NAMED_STATEMENTS: bool01.default(true),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(none|\d{1,2}|[0-9A-Fa-f:./a-z]+(,\s*[0-9A-Fa-f:./a-z]+)*)$/,
      'must be none, a hop count, or comma-separated addresses/CIDRs (loopback, uniquelocal allowed)',
    )
    .optional(),
  CRM_SYNC_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (Beijing time)')
    .default('02:30'),
})

/** Settings the demo/simulator fills in when DEMO=1; production must set them explicitly. */
const DEMO_DEFAULTS = {
  WECOM_CORP_ID: 'wwdemo0000advisor',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'demo-app-secret-not-for-production',
  WECOM_CALLBACK_TOKEN: 'AdvisorDeskDemoToken',
  WECOM_CALLBACK_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  SESSION_SECRET: 'demo-session-secret-only-for-local-demo-mode',
  PII_ENCRYPTION_KEYS: 'demo1:ZGVtby1vbmx5LXBpaS1rZXktbm90LWZvci1wcm9kISE=',
  PII_HASH_KEY: 'demo-only-pii-hash-key-not-for-production',
} as const

const REQUIRED_IN_PRODUCTION = [
  'WECOM_CORP_ID',
  'WECOM_AGENT_ID',
  'WECOM_SECRET',
  'WECOM_CALLBACK_TOKEN',
  'WECOM_CALLBACK_AES_KEY',
  'PUBLIC_BASE_URL',
  'SESSION_SECRET',
  'PII_ENCRYPTION_KEYS',
  'PII_HASH_KEY',
] as const

export interface Config {
  port: number
  databaseUrl: string
  demo: boolean
  demoScenario: 'bank' | 'new-corp'
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  publicBaseUrl: string
  sessionSecret: string
  verifyLinkTtlHours: number
  /** Express `trust proxy`: false (trust none), a hop count, or addresses/CIDRs whose X-Forwarded-For is believed. */
  trustProxy: false | number | string[]
  wecom: {
    corpId: string
    agentId: string
    secret: string
    callbackToken: string
    callbackAesKey: string
    /** Prefix up to and including `/cgi-bin`. */
    apiBase: string
  }
  pii: {
    /** Encryption keys for customer phone and ID numbers; the first encrypts, all decrypt (rotation). */
    keys: readonly { id: string; key: string }[]
    /** HMAC key for the matching hashes of normalised phone and ID numbers. */
    hashKey: string
  }
  database: {
    /** PostgreSQL connections per instance. */
    poolSize: number
    /** PostgreSQL statement_timeout in ms (0 = none). */
    statementTimeoutMs: number
    /** Hot queries as named prepared statements; off behind a transaction-pooling PgBouncer older than 1.21. */
    namedStatements: boolean
  }
  /** Bearer token for GET /metrics (Prometheus); unset = the endpoint answers 404. */
  metricsToken?: string
  crm: {
    /** Base URL of the bank's CRM pull endpoint (docs/crm-integration.md); unset = file import only. */
    sourceUrl?: string
    sourceToken?: string
    /** Nightly sync time, HH:MM Beijing time. */
    syncAt: string
  }
}

export class ConfigError extends Error {}

/** Parses and validates the environment once; throws ConfigError with one line naming the variable. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0] ?? 'environment')
    const shown =
      name in DEMO_DEFAULTS || /SECRET|TOKEN|KEY/.test(name) ? '' : ` (got "${String(cleaned[name]).slice(0, 80)}")`
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`)
  }
  const e = parsed.data
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? (e.DEMO ? `http://localhost:${e.PORT}` : '')).replace(/\/$/, '')
  const pick = (name: (typeof REQUIRED_IN_PRODUCTION)[number]): string => {
    const value = name === 'PUBLIC_BASE_URL' ? publicBaseUrl : (e[name] ?? (e.DEMO ? DEMO_DEFAULTS[name] : undefined))
    if (!value) throw new ConfigError(`Invalid configuration: ${name} is required when DEMO is off`)
    return value
  }
  for (const name of REQUIRED_IN_PRODUCTION) pick(name)
  if (e.CRM_SOURCE_URL && !e.CRM_SOURCE_TOKEN)
    throw new ConfigError('Invalid configuration: CRM_SOURCE_TOKEN is required when CRM_SOURCE_URL is set')
  const apiBase = (
    e.WECOM_API_BASE ??
    (e.DEMO ? `http://127.0.0.1:${e.PORT}/simulator/cgi-bin` : 'https://qyapi.weixin.qq.com/cgi-bin')
  ).replace(/\/$/, '')
  return Object.freeze({
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO,
    demoScenario: e.DEMO_SCENARIO,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl,
    sessionSecret: pick('SESSION_SECRET'),
    verifyLinkTtlHours: e.VERIFY_LINK_TTL_HOURS,
    trustProxy: trustProxyOf(e.TRUST_PROXY, e.DEMO),
    wecom: Object.freeze({
      corpId: pick('WECOM_CORP_ID'),
      agentId: pick('WECOM_AGENT_ID'),
      secret: pick('WECOM_SECRET'),
      callbackToken: pick('WECOM_CALLBACK_TOKEN'),
      callbackAesKey: pick('WECOM_CALLBACK_AES_KEY'),
      apiBase,
    }),
    pii: Object.freeze({ keys: Object.freeze(parseKeys(pick('PII_ENCRYPTION_KEYS'))), hashKey: pick('PII_HASH_KEY') }),
    database: Object.freeze({
      poolSize: e.DATABASE_POOL_SIZE,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
      namedStatements: e.PG_NAMED_STATEMENTS,
    }),
    metricsToken: e.METRICS_TOKEN,
    crm: Object.freeze({
      sourceUrl: e.CRM_SOURCE_URL?.replace(/\/$/, ''),
      sourceToken: e.CRM_SOURCE_TOKEN,
      syncAt: e.CRM_SYNC_AT,
    }),
  })
}

/** Production trusts no proxy unless told; the demo (and its tests) trusts loopback, where `npm start` sits. */
function trustProxyOf(value: string | undefined, demo: boolean): Config['trustProxy'] {
  if (value === undefined) return demo ? ['loopback'] : false
  if (value === 'none') return false
  if (/^\d+$/.test(value)) return Number(value)
  return value.split(',').map((v) => v.trim())
}

function parseKeys(value: string): { id: string; key: string }[] {
  const keys = value.split(',').map((pair) => {
    const [id, key] = pair.split(':') as [string, string]
    return { id, key }
  })
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new ConfigError('Invalid configuration: PII_ENCRYPTION_KEYS repeats a key id')
  return keys
}
