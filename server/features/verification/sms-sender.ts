import { AppError } from '../../lib/errors.js'

/**
 * How verification codes reach the customer's phone. A bank plugs in its SMS gateway by implementing
 * this interface (see docs/sms-gateway.md); the demo writes into the simulator's outbox.
 */
export interface SmsSender {
  /** Resolves once the gateway accepted the message; rejects (AppError) otherwise. */
  send(phone: string, text: string, now: Date): Promise<void>
}

/** Production without a configured gateway: refuse clearly instead of pretending to send. */
export const unconfiguredSmsSender: SmsSender = {
  async send() {
    throw new AppError('SMS_UNAVAILABLE', 503, '短信服务暂不可用，请稍后再试或联系您的客户经理')
  },
}
