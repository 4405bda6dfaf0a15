/** How the outbox delivers: retries, backoff, when to give up, when health turns degraded. */
import 'server-only';
export const OUTBOX_POLICY = {
  /** The worker looks for due emails this often (and at once when woken). */
  pollMs: 3_000,
  /** Emails claimed per round. */
  batchSize: 10,
  /** A claimed email whose worker died is claimed again after this long (longer than any SMTP timeout). */
  leaseSeconds: 300,
  /** Backoff after a temporary failure: base · 2^(attempt−1), capped, ± jitter. */
  backoff: { baseSeconds: 30, maxSeconds: 60 * 60, jitter: 0.2 },
  /** Temporary failures are retried until the email is this old; then it fails and raises an alert. */
  giveUpHours: 48,
  /** Health is degraded while an email has waited longer than this. */
  backlogAlertMinutes: 15,
  /** Health is degraded while an email created within this window has failed. */
  failedWindowHours: 7 * 24,
  /** The SMTP health check's verify result is kept this long. */
  smtpCheckCacheMs: 60_000,
} as const;

/** Seconds until the next attempt after `attempts` failed ones; `random` is injectable for tests. */
export function backoffSeconds(attempts: number, random: () => number = Math.random): number {
  const { baseSeconds, maxSeconds, jitter } = OUTBOX_POLICY.backoff;
  const plain = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempts - 1));
  return Math.max(1, Math.round(plain * (1 - jitter + 2 * jitter * random())));
}
