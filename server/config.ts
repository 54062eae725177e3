import { z } from 'zod'

const bool01 = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')

const EnvSchema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path> or postgres://…')
    .default('sqlite:data/advisor.db'),
  DEMO: bool01.default(false),
  WECOM_CORP_ID: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be the corp ID').optional(),
  WECOM_AGENT_ID: z.string().regex(/^\d{1,12}$/, 'must be the numeric AgentID').optional(),
  WECOM_SECRET: z.string().min(8, 'must be the app secret').optional(),
  WECOM_CALLBACK_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits').optional(),
  WECOM_CALLBACK_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters or digits').optional(),
  WECOM_API_BASE: z.url({ error: 'must be an http(s) URL ending in /cgi-bin' }).optional(),
  PUBLIC_BASE_URL: z.url({ error: 'must be an http(s) URL' }).optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  VERIFY_LINK_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
})

/** Settings the demo/simulator fills in when DEMO=1; production must set them explicitly. */
const DEMO_DEFAULTS = {
  WECOM_CORP_ID: 'wwdemo0000advisor',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'demo-app-secret-not-for-production',
  WECOM_CALLBACK_TOKEN: 'AdvisorDeskDemoToken',
  WECOM_CALLBACK_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  SESSION_SECRET: 'demo-session-secret-only-for-local-demo-mode',
} as const

const REQUIRED_IN_PRODUCTION = [
  'WECOM_CORP_ID',
  'WECOM_AGENT_ID',
  'WECOM_SECRET',
  'WECOM_CALLBACK_TOKEN',
  'WECOM_CALLBACK_AES_KEY',
  'PUBLIC_BASE_URL',
  'SESSION_SECRET',
] as const

export interface Config {
  port: number
  databaseUrl: string
  demo: boolean
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  publicBaseUrl: string
  sessionSecret: string
  verifyLinkTtlHours: number
  wecom: {
    corpId: string
    agentId: string
    secret: string
    callbackToken: string
    callbackAesKey: string
    /** Prefix up to and including `/cgi-bin`. */
    apiBase: string
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
    const shown = name in DEMO_DEFAULTS || name.includes('SECRET') ? '' : ` (got "${String(cleaned[name]).slice(0, 80)}")`
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
  const apiBase = (e.WECOM_API_BASE ?? (e.DEMO ? `http://127.0.0.1:${e.PORT}/simulator/cgi-bin` : 'https://qyapi.weixin.qq.com/cgi-bin')).replace(/\/$/, '')
  return Object.freeze({
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    demo: e.DEMO,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl,
    sessionSecret: pick('SESSION_SECRET'),
    verifyLinkTtlHours: e.VERIFY_LINK_TTL_HOURS,
    wecom: Object.freeze({
      corpId: pick('WECOM_CORP_ID'),
      agentId: pick('WECOM_AGENT_ID'),
      secret: pick('WECOM_SECRET'),
      callbackToken: pick('WECOM_CALLBACK_TOKEN'),
      callbackAesKey: pick('WECOM_CALLBACK_AES_KEY'),
      apiBase,
    }),
  })
}
