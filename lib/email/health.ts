import 'server-only';
import { getOutboxStats } from '@/db/queries/outbox';
import { env, type Env } from '@/lib/env';
import { registerHealthCheck, type Check } from '@/lib/ops/health';
import { metrics } from '@/lib/ops/metrics';
import { singleton } from '@/lib/singleton';
import { OUTBOX_POLICY } from './policy';
import { verifySmtp } from './transport';

/** SMTP reachable and accepting our login; the answer is kept for about a minute. */
export function smtpCheck(): Promise<Check> {
  const settings = env();
  if (!settings.smtpConfigured)
    return Promise.resolve({ status: 'not configured', message: 'no SMTP_SERVER: emails are written as .eml files under DATA_DIR/outbox' });
  const isCurrent = (cached: { settings: Env; at: number }) =>
    cached.settings === settings && Date.now() - cached.at < OUTBOX_POLICY.smtpCheckCacheMs;
  return singleton(
    'fixlineSmtpCheck',
    () => {
      const result = verifySmtp().then(
        (): Check => ({ status: 'ok', message: `${settings.SMTP_SERVER}:${settings.SMTP_PORT ?? (settings.SMTP_USE_SSL ? 465 : 587)}` }),
        (error: Error): Check => ({ status: 'error', message: `SMTP unreachable: ${error.message.slice(0, 200)}` }),
      );
      return { settings, at: Date.now(), result };
    },
    isCurrent,
  ).result;
}

/** Degraded when an email failed for good recently, or one has waited too long. */
export async function outboxCheck(): Promise<Check> {
  const stats = await getOutboxStats({ failedSince: new Date(Date.now() - OUTBOX_POLICY.failedWindowHours * 3_600_000) });
  metrics().outboxBacklog.set(stats.pending);
  const waitedMinutes = stats.oldestPendingAt ? (Date.now() - stats.oldestPendingAt.getTime()) / 60_000 : 0;
  const summary = `${stats.pending} waiting, ${stats.recentFailed} failed, ${stats.sent} sent`;
  if (stats.recentFailed > 0) return { status: 'degraded', message: `${summary}: failed emails need attention on the Outbox page` };
  if (waitedMinutes > OUTBOX_POLICY.backlogAlertMinutes)
    return { status: 'degraded', message: `${summary}: the oldest has waited ${Math.round(waitedMinutes)} min` };
  return { status: 'ok', message: summary };
}

export function registerMailHealthChecks(): void {
  registerHealthCheck('smtp', smtpCheck);
  registerHealthCheck('outbox', outboxCheck);
}
