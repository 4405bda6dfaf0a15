import 'server-only';
import crypto from 'node:crypto';
import { db } from '@/db';
import {
  countExpiredAuditLogs,
  countExpiredEscalations,
  countExpiredSessions,
  deleteExpiredAuditLogs,
  deleteExpiredEscalations,
  deleteExpiredSessions,
} from '@/db/queries/retention';
import { countExpiredRetiredDocuments } from '@/db/queries/knowledge-removed';
import { audit } from '@/lib/audit';
import { env } from '@/lib/env';
import { purgeReplacedManuals } from '@/lib/knowledge/service';
import { log } from '@/lib/log';
import { store } from '@/lib/store';
import { RETENTION_POLICY } from './policy';

// The retention purge (docs/retention.md): resolved escalations past ESCALATION_RETENTION_DAYS,
// then conversations idle past RETENTION_DAYS that no escalation holds, then audit rows past
// AUDIT_RETENTION_DAYS, and the files of replaced manual versions retired past RETENTION_DAYS.
// One instance at a time, through a lock in the shared store.

export interface PurgeCounts {
  escalations: number;
  sessions: number;
  auditLogs: number;
  /** Replaced manual versions whose file, pages and passages went (a record of them stays for old citations). */
  manuals: number;
}

export interface PurgeResult {
  /** 'locked': another run holds the lock, nothing was done. */
  status: 'purged' | 'dry_run' | 'locked';
  /** Removed (or, on a dry run, what would be). */
  counts: PurgeCounts;
  /** `manuals`: replaced versions retired before it go; it is the conversations' cutoff (RETENTION_DAYS). */
  cutoffs: { escalations: Date; sessions: Date; auditLogs: Date; manuals: Date };
}

export interface PurgeOptions {
  now?: Date;
  dryRun?: boolean;
  batchSize?: number;
}

const DAY_MS = 86_400_000;

export function retentionCutoffs(now = new Date()): PurgeResult['cutoffs'] {
  const settings = env();
  return {
    escalations: new Date(now.getTime() - settings.ESCALATION_RETENTION_DAYS * DAY_MS),
    sessions: new Date(now.getTime() - settings.RETENTION_DAYS * DAY_MS),
    auditLogs: new Date(now.getTime() - settings.AUDIT_RETENTION_DAYS * DAY_MS),
    manuals: new Date(now.getTime() - settings.RETENTION_DAYS * DAY_MS),
  };
}

/** Removes what is past its retention, batch by batch; a dry run only counts it. */
export async function purgeExpired({
  now = new Date(),
  dryRun = false,
  batchSize = RETENTION_POLICY.batchSize,
}: PurgeOptions = {}): Promise<PurgeResult> {
  const cutoffs = retentionCutoffs(now);
  if (dryRun) {
    const [escalations, sessions, auditLogs, manuals] = await Promise.all([
      countExpiredEscalations({ before: cutoffs.escalations }),
      countExpiredSessions({ before: cutoffs.sessions, escalationsBefore: cutoffs.escalations }),
      countExpiredAuditLogs({ before: cutoffs.auditLogs }),
      countExpiredRetiredDocuments({ before: cutoffs.manuals }),
    ]);
    return { status: 'dry_run', counts: { escalations, sessions, auditLogs, manuals }, cutoffs };
  }

  // A store client made just now connects first, so the lock is taken where the other instances look for it.
  await store().health();
  const token = crypto.randomUUID();
  const { lockKey, lockSeconds } = RETENTION_POLICY;
  if (!(await store().setIfAbsent(lockKey, token, lockSeconds))) {
    log().info('retention purge skipped: another instance is running it');
    return { status: 'locked', counts: { escalations: 0, sessions: 0, auditLogs: 0, manuals: 0 }, cutoffs };
  }
  const counts: PurgeCounts = { escalations: 0, sessions: 0, auditLogs: 0, manuals: 0 };
  try {
    const stillHeld = async () => (await store().get(lockKey)) === token;
    // Escalations first: a conversation whose resolved escalation just went is purged in the same run.
    const steps: [keyof PurgeCounts, (limit: number) => Promise<number>, number?][] = [
      ['escalations', (limit) => deleteExpiredEscalations({ before: cutoffs.escalations, limit })],
      // Each batch of conversations in a transaction of its own, with the events that quote them.
      [
        'sessions',
        (limit) =>
          db().transaction((tx) => deleteExpiredSessions({ before: cutoffs.sessions, escalationsBefore: cutoffs.escalations, limit }, tx)),
      ],
      ['auditLogs', (limit) => deleteExpiredAuditLogs({ before: cutoffs.auditLogs, limit })],
      // Each batch a transaction that keeps the record; the files go once it is committed.
      // A manual has thousands of passages: a few manuals per batch.
      ['manuals', (limit) => purgeReplacedManuals({ before: cutoffs.manuals, limit }), RETENTION_POLICY.manualBatchSize],
    ];
    for (const [what, step, size = batchSize] of steps) {
      for (;;) {
        if (!(await stillHeld())) throw new Error('retention purge lost its lock');
        const removed = await step(size);
        counts[what] += removed;
        if (removed < size) break;
      }
    }
  } finally {
    await store().delIfEquals(lockKey, token);
    await report(counts, cutoffs);
  }
  return { status: 'purged', counts, cutoffs };
}

/** What a run removed: in the log always, in the audit log when it removed something. */
async function report(counts: PurgeCounts, cutoffs: PurgeResult['cutoffs']): Promise<void> {
  const total = counts.escalations + counts.sessions + counts.auditLogs + counts.manuals;
  log().info({ ...counts }, total ? 'retention purge removed expired data' : 'retention purge: nothing expired');
  if (!total) return;
  const settings = env();
  await audit({
    action: 'retention.purged',
    details: {
      ...counts,
      retentionDays: settings.RETENTION_DAYS,
      escalationRetentionDays: settings.ESCALATION_RETENTION_DAYS,
      auditRetentionDays: settings.AUDIT_RETENTION_DAYS,
      sessionsBefore: cutoffs.sessions.toISOString(),
      manualsRetiredBefore: cutoffs.manuals.toISOString(),
    },
  });
}
