import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config.js'
import { PRODUCTION_ENV } from './support/production-env.js'

const PRODUCTION = { ...PRODUCTION_ENV, PUBLIC_BASE_URL: 'https://advisor.bank.example/' }

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('configuration', () => {
  it('when DEMO=1 and nothing else is set, then it runs on port 3000 with the embedded SQLite and the simulator', () => {
    const c = loadConfig({ DEMO: '1' })
    expect(c.port).toBe(3000)
    expect(c.databaseUrl).toBe('sqlite:data/advisor.db')
    expect(c.wecom.apiBase).toBe('http://127.0.0.1:3000/simulator/cgi-bin')
    expect(c.publicBaseUrl).toBe('http://localhost:3000')
    expect(Object.isFrozen(c)).toBe(true)
  })

  it('when PORT is not a number, then the one-line error names PORT and its value', () => {
    const message = errorOf({ DEMO: '1', PORT: 'abc' })
    expect(message).toMatch(/^Invalid configuration: PORT .*"abc"/)
    expect(message).not.toContain('\n')
  })

  it.each([
    ['DATABASE_URL', 'mysql://x'],
    ['WECOM_CALLBACK_AES_KEY', 'too-short'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['DEMO', 'yes'],
  ])('when %s is malformed, then the error names it', (name, value) => {
    expect(errorOf({ ...PRODUCTION, [name]: value })).toContain(name)
  })

  it('when a secret is malformed, then the error does not echo it', () => {
    const message = errorOf({ ...PRODUCTION, SESSION_SECRET: 'short-secret' })
    expect(message).toContain('SESSION_SECRET')
    expect(message).not.toContain('short-secret')
  })

  it('when DEMO is off and a WeCom setting is missing, then it names that setting', () => {
    const { WECOM_SECRET: _omit, ...rest } = PRODUCTION
    expect(errorOf(rest)).toBe('Invalid configuration: WECOM_SECRET is required when DEMO is off')
  })

  it.each(['PII_ENCRYPTION_KEYS', 'PII_HASH_KEY'])(
    'when DEMO is off and %s is missing, then it is required',
    (name) => {
      const env: Record<string, string> = { ...PRODUCTION }
      delete env[name]
      expect(errorOf(env)).toBe(`Invalid configuration: ${name} is required when DEMO is off`)
    },
  )

  it('when a PII key is not 32 bytes of base64, then the error names the variable without echoing keys', () => {
    const message = errorOf({ ...PRODUCTION, PII_ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })
    expect(message).toContain('PII_ENCRYPTION_KEYS')
    expect(message).not.toContain('c2hvcnQ')
  })

  it('when PII keys are listed, then the first encrypts and every one can decrypt', () => {
    expect(loadConfig(PRODUCTION).pii.keys.map((k) => k.id)).toEqual(['k2026', 'k2025'])
  })

  it('when a CRM pull URL is set without its token, then the token is required', () => {
    expect(errorOf({ ...PRODUCTION, CRM_SOURCE_URL: 'https://crm.bank.example/advisor' })).toBe(
      'Invalid configuration: CRM_SOURCE_TOKEN is required when CRM_SOURCE_URL is set',
    )
    const c = loadConfig({
      ...PRODUCTION,
      CRM_SOURCE_URL: 'https://crm.bank.example/advisor/',
      CRM_SOURCE_TOKEN: 'bank-issued-token-0001',
    })
    expect(c.crm).toEqual({
      sourceUrl: 'https://crm.bank.example/advisor',
      sourceToken: 'bank-issued-token-0001',
      syncAt: '02:30',
    })
  })

  it('when DEMO is off and everything is set, then it talks to the real WeCom', () => {
    const c = loadConfig(PRODUCTION)
    expect(c.demo).toBe(false)
    expect(c.wecom.apiBase).toBe('https://qyapi.weixin.qq.com/cgi-bin')
    expect(c.publicBaseUrl).toBe('https://advisor.bank.example')
  })
})
