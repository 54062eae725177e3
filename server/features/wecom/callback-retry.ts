/** How failed callback deliveries are retried: exponential backoff with full jitter, capped, then dead-lettered. */
export const CALLBACK_RETRY = {
  /** Attempts before a delivery moves to the dead-letter list. */
  maxAttempts: 8,
  baseMs: 30_000,
  /** 45009 per-hour blocks lift after an hour; waiting longer only delays the fact. */
  capMs: 60 * 60_000,
}

/**
 * When attempt `attempts` (1-based, just failed) may be retried, or that it is dead. Half the delay is
 * fixed and half jittered, so a burst of failures does not come back all in the same second.
 */
export function retryAfterFailure(
  attempts: number,
  now: Date,
  random: () => number = Math.random,
): { nextAttemptAt: string | null; deadAt: string | null } {
  if (attempts >= CALLBACK_RETRY.maxAttempts) return { nextAttemptAt: null, deadAt: now.toISOString() }
  const ceiling = Math.min(CALLBACK_RETRY.capMs, CALLBACK_RETRY.baseMs * 2 ** (attempts - 1))
  const delay = ceiling / 2 + random() * (ceiling / 2)
  return { nextAttemptAt: new Date(now.getTime() + delay).toISOString(), deadAt: null }
}
