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
} as const
