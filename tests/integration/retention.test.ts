import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { insertAuditLog } from '@/db/queries/audit';
import { createSession, insertMessage } from '@/db/queries/chat';
import { insertEscalation } from '@/db/queries/escalations';
import { aiAnalyticsEvents, aiAuditLogs, aiEscalations, aiMessages, aiSessions } from '@/db/schema';
import { ConfigError, parseEnv } from '@/lib/env';
import { purgeExpired } from '@/lib/retention';
import { RETENTION_POLICY } from '@/lib/retention/policy';
import { store, type Store } from '@/lib/store';
import { MemoryStore } from '@/lib/store/memory';
import { RedisStore } from '@/lib/store/redis';
import { makeUser } from '../helpers/api';
import { TEST_REDIS_URL } from '../helpers/databases';

const run = promisify(execFile);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

/** A conversation with a question and a rated answer, last active `idle` ago. */
async function conversation(userId: string, idle: number) {
  const session = await createSession({ userId, title: 'Pump E07' });
  await insertMessage({ sessionId: session.id, role: 'user', content: 'E07 after ten minutes' });
  const answer = await insertMessage({
    sessionId: session.id,
    role: 'assistant',
    content: 'Clean the cooler.',
    helpful: false,
    feedbackAt: ago(idle),
  });
  await db()
    .update(aiSessions)
    .set({ lastMessageAt: ago(idle) })
    .where(eq(aiSessions.id, session.id));
  return { id: session.id, answerId: answer.id };
}

async function escalation(sessionId: string, userId: string, status: 'open' | 'acknowledged' | 'resolved', resolvedAgo?: number) {
  return insertEscalation({
    sessionId,
    userId,
    reason: 'manual',
    status,
    ...(resolvedAgo === undefined ? {} : { resolvedAt: ago(resolvedAgo) }),
  });
}

async function existing<T extends { id: unknown }>(rows: Promise<T[]>): Promise<Set<unknown>> {
  return new Set((await rows).map((r) => r.id));
}

const allSessions = () => existing(db().select({ id: aiSessions.id }).from(aiSessions));
const allEscalations = () => existing(db().select({ id: aiEscalations.id }).from(aiEscalations));
const allAuditLogs = () => existing(db().select({ id: aiAuditLogs.id }).from(aiAuditLogs));
const purgeRows = () => db().select().from(aiAuditLogs).where(eq(aiAuditLogs.action, 'retention.purged'));

function removed(before: Set<unknown>, after: Set<unknown>): unknown[] {
  return [...before].filter((id) => !after.has(id));
}

beforeEach(async () => {
  await store().del(RETENTION_POLICY.lockKey);
});

describe('retention purge', () => {
  it('removes exactly what is past its retention, and records the run in the log and the audit log', async () => {
    // Other files share this database and may have left old rows (dated audit entries): start clean.
    await purgeExpired();
    const purgesBefore = (await purgeRows()).length;
    const user = await makeUser('technician');
    const justInside = await conversation(user.id, 30 * DAY - HOUR);
    const justOutside = await conversation(user.id, 30 * DAY + HOUR);
    const withOpenCase = await conversation(user.id, 90 * DAY);
    const withResolvedCase = await conversation(user.id, 90 * DAY);
    const withAcknowledgedCase = await conversation(user.id, 500 * DAY);
    const withExpiredCase = await conversation(user.id, 500 * DAY);
    const open = await escalation(withOpenCase.id, user.id, 'open');
    const resolvedRecently = await escalation(withResolvedCase.id, user.id, 'resolved', 40 * DAY);
    const acknowledged = await escalation(withAcknowledgedCase.id, user.id, 'acknowledged');
    await db()
      .update(aiEscalations)
      .set({ createdAt: ago(500 * DAY), updatedAt: ago(500 * DAY) })
      .where(eq(aiEscalations.id, acknowledged.id));
    const resolvedLongAgo = await escalation(withExpiredCase.id, user.id, 'resolved', 365 * DAY + HOUR);
    await db()
      .insert(aiAnalyticsEvents)
      .values([
        { type: 'answer_completed', sessionId: justOutside.id, messageId: justOutside.answerId, properties: { latencyMs: 900 } },
        {
          type: 'knowledge_gap',
          sessionId: justOutside.id,
          messageId: justOutside.answerId,
          properties: { question: 'E07 after ten minutes' },
        },
      ]);
    const tag = crypto.randomUUID();
    await insertAuditLog({ action: 'user.created', targetType: 'user', targetId: tag, createdAt: ago(365 * DAY + HOUR) });
    await insertAuditLog({ action: 'user.updated', targetType: 'user', targetId: tag, createdAt: ago(365 * DAY - HOUR) });
    const sessions = await allSessions();
    const escalations = await allEscalations();
    const auditLogs = await allAuditLogs();

    const dry = await purgeExpired({ dryRun: true });
    expect(dry).toMatchObject({ status: 'dry_run', counts: { sessions: 2, escalations: 1, auditLogs: 1 } });
    expect(await allSessions()).toEqual(sessions);

    const result = await purgeExpired({ batchSize: 1 });
    expect(result).toMatchObject({ status: 'purged', counts: { sessions: 2, escalations: 1, auditLogs: 1 } });
    expect(removed(sessions, await allSessions()).sort()).toEqual([justOutside.id, withExpiredCase.id].sort());
    expect(removed(escalations, await allEscalations())).toEqual([resolvedLongAgo.id]);
    const auditRemoved = removed(auditLogs, await allAuditLogs());
    expect(auditRemoved).toHaveLength(1);
    const [keptAudit] = await db().select().from(aiAuditLogs).where(eq(aiAuditLogs.targetId, tag));
    expect(keptAudit.action).toBe('user.updated');
    for (const kept of [justInside, withOpenCase, withResolvedCase, withAcknowledgedCase]) {
      expect(await db().select({ id: aiMessages.id }).from(aiMessages).where(eq(aiMessages.sessionId, kept.id))).toHaveLength(2);
    }
    expect(
      await existing(
        db()
          .select({ id: aiEscalations.id })
          .from(aiEscalations)
          .where(inArray(aiEscalations.id, [open.id, resolvedRecently.id, acknowledged.id])),
      ),
    ).toEqual(new Set([open.id, resolvedRecently.id, acknowledged.id]));
    // Messages and feedback go with their conversation; the metrics stay, the quoted question goes.
    expect(await db().select().from(aiMessages).where(eq(aiMessages.sessionId, justOutside.id))).toEqual([]);
    const events = await db()
      .select({ type: aiAnalyticsEvents.type })
      .from(aiAnalyticsEvents)
      .where(eq(aiAnalyticsEvents.sessionId, justOutside.id));
    expect(events).toEqual([{ type: 'answer_completed' }]);

    const rows = await purgeRows();
    expect(rows).toHaveLength(purgesBefore + 1);
    const row = rows.sort((a, b) => a.id - b.id).at(-1);
    expect(row).toMatchObject({
      actorId: null,
      outcome: 'success',
      details: { sessions: 2, escalations: 1, auditLogs: 1, retentionDays: 30 },
    });

    // Nothing left to remove: no second audit row.
    expect((await purgeExpired()).counts).toEqual({ sessions: 0, escalations: 0, auditLogs: 0, manuals: 0 });
    expect(await purgeRows()).toHaveLength(purgesBefore + 1);
  });

  it('follows the configured periods', async () => {
    const user = await makeUser('technician');
    const week = await conversation(user.id, 8 * DAY);
    const settings = parseEnv({ ...process.env, RETENTION_DAYS: '7' });
    expect(settings.RETENTION_DAYS).toBe(7);
    const { withEnv } = await import('../helpers/env');
    await withEnv({ RETENTION_DAYS: '7' }, async () => {
      expect((await purgeExpired()).counts.sessions).toBeGreaterThanOrEqual(1);
    });
    expect(await db().select().from(aiSessions).where(eq(aiSessions.id, week.id))).toEqual([]);
  });

  it('names a bad period clearly', () => {
    for (const [name, value] of [
      ['RETENTION_DAYS', 'thirty'],
      ['ESCALATION_RETENTION_DAYS', '0'],
      ['AUDIT_RETENTION_DAYS', '1.5'],
    ]) {
      let error: unknown;
      try {
        parseEnv({ [name]: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([`${name}: must be a whole number of days from 1 to 3650 (got "${value}")`]);
    }
    expect(parseEnv({})).toMatchObject({ RETENTION_DAYS: 30, ESCALATION_RETENTION_DAYS: 365, AUDIT_RETENTION_DAYS: 365 });
  });
});

describe('one purge at a time', () => {
  it('lets only one of two concurrent runs purge', async () => {
    const user = await makeUser('technician');
    const stale = await Promise.all([1, 2, 3].map(() => conversation(user.id, 45 * DAY)));
    const before = (await purgeRows()).length;
    const results = await Promise.all([purgeExpired({ batchSize: 1 }), purgeExpired({ batchSize: 1 })]);
    expect(results.map((r) => r.status).sort()).toEqual(['locked', 'purged']);
    const winner = results.find((r) => r.status === 'purged')!;
    expect(winner.counts.sessions).toBe(3);
    expect(results.find((r) => r.status === 'locked')!.counts).toEqual({ sessions: 0, escalations: 0, auditLogs: 0, manuals: 0 });
    expect(
      await db()
        .select()
        .from(aiSessions)
        .where(
          inArray(
            aiSessions.id,
            stale.map((s) => s.id),
          ),
        ),
    ).toEqual([]);
    expect(await purgeRows()).toHaveLength(before + 1);
    expect(await store().get(RETENTION_POLICY.lockKey)).toBeNull();
  });

  it('does nothing while another instance holds the lock', async () => {
    const user = await makeUser('technician');
    const stale = await conversation(user.id, 45 * DAY);
    expect(await store().setIfAbsent(RETENTION_POLICY.lockKey, 'other-instance', 60)).toBe(true);
    expect((await purgeExpired()).status).toBe('locked');
    expect(await db().select().from(aiSessions).where(eq(aiSessions.id, stale.id))).toHaveLength(1);
    expect(await store().get(RETENTION_POLICY.lockKey)).toBe('other-instance');
    await store().delIfEquals(RETENTION_POLICY.lockKey, 'other-instance');
    expect((await purgeExpired()).status).toBe('purged');
    expect(await db().select().from(aiSessions).where(eq(aiSessions.id, stale.id))).toEqual([]);
  });
});

describe.each([
  ['memory', () => new MemoryStore()],
  ['redis', () => new RedisStore(TEST_REDIS_URL, `fixline-lock-test-${crypto.randomUUID().slice(0, 8)}:`)],
])('the %s store as a lock', (_name, make: () => Store) => {
  const s = make();
  afterAll(() => s.close());

  it('sets a key only when absent, releases only its own value, and expires', async () => {
    expect(await s.setIfAbsent('lock', 'a', 1)).toBe(true);
    expect(await s.setIfAbsent('lock', 'b', 1)).toBe(false);
    await s.delIfEquals('lock', 'b');
    expect(await s.get('lock')).toBe('a');
    await s.delIfEquals('lock', 'a');
    expect(await s.get('lock')).toBeNull();
    expect(await s.setIfAbsent('lock', 'c', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await s.setIfAbsent('lock', 'd', 60)).toBe(true);
    expect(await s.get('lock')).toBe('d');
  });
});

describe('npm run purge', () => {
  const script = (...args: string[]) =>
    run('npx', ['tsx', '--conditions=react-server', 'scripts/purge.ts', ...args], { env: process.env, timeout: 60_000 });

  it('prints what a dry run would remove and removes nothing; a real run removes it', async () => {
    const user = await makeUser('technician');
    const stale = await conversation(user.id, 45 * DAY);
    const sessions = await allSessions();
    const purges = (await purgeRows()).length;
    const { stdout } = await script('--dry-run');
    expect(stdout).toMatch(
      /^Would remove:\n {2}1 conversations idle since before \S+ \(with their messages and feedback\)\n {2}0 escalations resolved before/,
    );
    expect(await allSessions()).toEqual(sessions);
    expect(await purgeRows()).toHaveLength(purges);

    const real = await script();
    expect(real.stdout).toMatch(/^Removed:\n {2}1 conversations/);
    expect(await purgeRows()).toHaveLength(purges + 1);
    expect(await db().select().from(aiSessions).where(eq(aiSessions.id, stale.id))).toEqual([]);
  });
});
