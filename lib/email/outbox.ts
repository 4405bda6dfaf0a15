import 'server-only';
import type { Executor } from '@/db';
import {
  claimDueEmails,
  getOutboxStats,
  insertOutboxEmails,
  markEmailFailed,
  markEmailSent,
  scheduleEmailRetry,
} from '@/db/queries/outbox';
import type { OutboxEmail } from '@/db/schema';
import { log } from '@/lib/log';
import { metrics } from '@/lib/ops/metrics';
import { poller } from '@/lib/ops/poller';
import { classifyDeliveryError } from './errors';
import { emlFileName, toMailOptions, toOutboxRow, type OutgoingEmail } from './message';
import { backoffSeconds, OUTBOX_POLICY } from './policy';
import { deliver } from './transport';

// The transactional outbox: emails are rows written in the same transaction as the change they
// announce; this worker delivers them with retries, so an SMTP outage delays mail but never loses it.

let lastGauge = 0;

const worker = poller({
  name: 'outbox',
  idPrefix: 'outbox',
  intervalMs: OUTBOX_POLICY.pollMs,
  // Each round delivers everything due, so the next one waits.
  round: async ({ workerId, stillRunning }) => {
    await drainOutbox({ workerId, stillRunning });
    if (Date.now() - lastGauge > 30_000) {
      lastGauge = Date.now();
      await refreshBacklogGauge();
    }
    return false;
  },
});

/** Queues emails inside the caller's transaction. */
export async function enqueueEmails(emails: OutgoingEmail[], tx: Executor): Promise<OutboxEmail[]> {
  return insertOutboxEmails(emails.map(toOutboxRow), tx);
}

/** Tells this instance's worker to look now (after a transaction that queued mail has committed). */
export function wakeOutbox(): void {
  worker.wake();
}

/** Started and stopped by lib/ops/workers (with the smtp/outbox health checks). */
export function startOutboxWorker(): void {
  lastGauge = 0;
  worker.start();
}

export async function stopOutboxWorker(): Promise<void> {
  await worker.stop();
}

export interface DrainResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers every email that is due, round by round, until none is left. Safe to run on several
 * instances at once: each row is claimed by one of them only. `now` lets tests move the clock.
 */
export async function drainOutbox(opts: { workerId?: string; now?: Date; stillRunning?: () => boolean } = {}): Promise<DrainResult> {
  const workerId = opts.workerId ?? worker.id();
  const result: DrainResult = { sent: 0, retrying: 0, failed: 0 };
  let worked = false;
  while (opts.stillRunning?.() ?? true) {
    const batch = await claimDueEmails({
      workerId,
      limit: OUTBOX_POLICY.batchSize,
      leaseSeconds: OUTBOX_POLICY.leaseSeconds,
      now: opts.now,
    });
    if (!batch.length) break;
    worked = true;
    for (const row of batch) result[await sendOne(row, workerId, opts.now ?? new Date())] += 1;
  }
  if (worked) await refreshBacklogGauge();
  return result;
}

async function sendOne(row: OutboxEmail, workerId: string, now: Date): Promise<keyof DrainResult> {
  try {
    const delivery = await deliver(toMailOptions(row), emlFileName(row));
    await markEmailSent({ id: row.id, workerId, deliveredVia: delivery.via === 'smtp' ? 'smtp' : delivery.detail });
    return 'sent';
  } catch (error) {
    const failure = classifyDeliveryError(error);
    const ageHours = (now.getTime() - row.createdAt.getTime()) / 3_600_000;
    if (failure.permanent || ageHours >= OUTBOX_POLICY.giveUpHours) {
      const message = failure.permanent
        ? failure.message
        : `Gave up after ${OUTBOX_POLICY.giveUpHours} h of retries. Last error: ${failure.message}`;
      await markEmailFailed({ id: row.id, workerId, error: message });
      // The alert: an email that will not be sent unless an admin acts (Outbox page, health check).
      log().error(
        {
          alert: 'email_failed',
          outboxId: row.id,
          kind: row.kind,
          escalationId: row.escalationId,
          attempts: row.attempts,
          err: message.slice(0, 200),
        },
        'email could not be delivered',
      );
      return 'failed';
    }
    const nextAttemptAt = new Date(now.getTime() + backoffSeconds(row.attempts) * 1000);
    await scheduleEmailRetry({ id: row.id, workerId, error: failure.message, nextAttemptAt });
    log().warn(
      { outboxId: row.id, kind: row.kind, attempts: row.attempts, nextAttemptAt, err: failure.message.slice(0, 200) },
      'email delivery failed: will retry',
    );
    return 'retrying';
  }
}

async function refreshBacklogGauge(): Promise<number> {
  const stats = await getOutboxStats({ failedSince: new Date(Date.now() - OUTBOX_POLICY.failedWindowHours * 3_600_000) });
  metrics().outboxBacklog.set(stats.pending);
  return stats.pending;
}
