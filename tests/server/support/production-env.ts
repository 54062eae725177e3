/** A complete, valid production (DEMO=0) environment for configuration and process tests. */
export const PRODUCTION_ENV = {
  DEMO: '0',
  WECOM_CORP_ID: 'wwprodcorp01',
  WECOM_AGENT_ID: '1000005',
  WECOM_SECRET: 'prod-secret-value',
  WECOM_CALLBACK_TOKEN: 'ProdToken',
  WECOM_CALLBACK_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  PUBLIC_BASE_URL: 'https://advisor.bank.example',
  SESSION_SECRET: 'a-production-session-secret-of-enough-length',
  PII_ENCRYPTION_KEYS:
    'k2026:cHJvZHVjdGlvbi1waWkta2V5LTMyLWJ5dGVzLW9rISE=,k2025:b2xkLXByb2R1Y3Rpb24tcGlpLWtleS0zMi1ieXRlcyE=',
  PII_HASH_KEY: 'a-production-pii-hash-key-of-enough-length',
} as const
