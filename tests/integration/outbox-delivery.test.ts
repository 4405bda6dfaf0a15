import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createSession, insertMessage } from '@/db/queries/chat';
import { aiEscalations, emailOutbox, type OutboxEmail } from '@/db/schema';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import * as eml from '@/app/api/admin/outbox/[id]/eml/route';
import * as retry from '@/app/api/admin/outbox/[id]/retry/route';
import { outboxCheck, smtpCheck } from '@/lib/email/health';
import { drainOutbox, startOutboxWorker, stopOutboxWorker } from '@/lib/email/outbox';
import { OUTBOX_POLICY } from '@/lib/email/policy';
import { outboxDir } from '@/lib/email/transport';
import { metrics } from '@/lib/ops/metrics';
import { call, makeUser, type TestUser } from '../helpers/api';
import { TestSmtpServer } from '../helpers/smtp-server';
import { setTestEnv } from '../helpers/env';

let smtp: TestSmtpServer;
let tech: TestUser;
let admin: TestUser;

const useSmtp = () => setTestEnv({ ...smtp.env, FROM_EMAIL: 'fixline@outbox.example.com', SUPPORT_EMAIL: 'support@outbox.example.com' });
const useFiles = () => setTestEnv({ SMTP_SERVER: undefined, SMTP_PORT: undefined });
const later = (hours: number) => new Date(Date.now() + hours * 3_600_000);

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  useSmtp();
  tech = await makeUser('technician');
  admin = await makeUser('admin');
  await drainOutbox(); // earlier files' mail
});

afterAll(async () => {
  await stopOutboxWorker();
  setTestEnv({ SMTP_SERVER: undefined, SMTP_PORT: undefined, FROM_EMAIL: undefined, SUPPORT_EMAIL: undefined });
  await smtp.stop();
});

beforeEach(async () => {
  if (!smtp.running) await smtp.start();
  smtp.clear();
  useSmtp();
});

async function escalateOne(title = 'Pressure drops'): Promise<{ id: string; reference: number }> {
  const session = await createSession({ userId: tech.id, title, machineModel: 'AC-400', serialNumber: null });
  await insertMessage({ sessionId: session.id, role: 'user', content: 'Pressure drops to 4 bar under load.' });
  const res = await call(escalate.POST, { as: tech, params: { id: session.id }, json: { urgency: 'normal' } });
  expect(res.status).toBe(201);
  return (await res.json()).escalation;
}

const mailsOf = (escalationId: string) => db().select().from(emailOutbox).where(eq(emailOutbox.escalationId, escalationId));
const supportMail = async (escalationId: string): Promise<OutboxEmail> =>
  (await mailsOf(escalationId)).find((m) => m.kind === 'escalation')!;

describe('delivery through SMTP', () => {
  it('keeps the escalation when SMTP is down and delivers exactly once after it comes back', async () => {
    await smtp.stop();
    const escalation = await escalateOne('SMTP outage');
    expect(await db().$count(aiEscalations, eq(aiEscalations.id, escalation.id))).toBe(1);

    const first = await drainOutbox();
    expect(first.sent).toBe(0);
    expect(first.retrying).toBeGreaterThanOrEqual(2);
    let mail = await supportMail(escalation.id);
    expect(mail).toMatchObject({ status: 'pending', attempts: 1 });
    expect(mail.lastError).toMatch(/ECONNECTION|ECONNREFUSED|connect/i);
    // Backoff with jitter: about 30 s after the first failure.
    const wait = (mail.nextAttemptAt.getTime() - Date.now()) / 1000;
    expect(wait).toBeGreaterThan(20);
    expect(wait).toBeLessThan(40);
    expect((await smtpCheck()).status).toBe('error');

    // Not due yet: nothing is tried again.
    expect((await drainOutbox()).retrying).toBe(0);

    await smtp.start();
    const second = await drainOutbox({ now: later(1) });
    expect(second.sent).toBeGreaterThanOrEqual(2);
    mail = await supportMail(escalation.id);
    expect(mail).toMatchObject({ status: 'sent', attempts: 2, deliveredVia: 'smtp', lastError: null });
    expect(mail.sentAt).toBeInstanceOf(Date);
    expect(smtp.byMessageId(mail.messageId)).toHaveLength(1);

    // Draining again sends nothing twice.
    await drainOutbox({ now: later(2) });
    expect(smtp.byMessageId(mail.messageId)).toHaveLength(1);
  });

  it('retries a 4xx reply and delivers when the server accepts', async () => {
    const escalation = await escalateOne('Greylisted');
    smtp.rejectTemporarily(2);
    await drainOutbox();
    const rows = await mailsOf(escalation.id);
    const waiting = rows.filter((r) => r.status === 'pending');
    expect(waiting).toHaveLength(2);
    expect(waiting[0].lastError).toMatch(/^451 /);
    await drainOutbox({ now: later(1) });
    const after = await mailsOf(escalation.id);
    expect(after.every((r) => r.status === 'sent')).toBe(true);
    expect(after.every((r) => r.attempts === 2)).toBe(true);
    for (const r of after) expect(smtp.byMessageId(r.messageId)).toHaveLength(1);
  });

  it('fails a 5xx reply at once, surfaces the error, and the health check turns degraded', async () => {
    const escalation = await escalateOne('Bounced');
    smtp.rejectPermanently(1, 'No such mailbox here');
    await drainOutbox();
    const mail = (await mailsOf(escalation.id)).find((m) => m.status === 'failed')!;
    expect(mail).toBeDefined();
    expect(mail.attempts).toBe(1);
    expect(mail.lastError).toMatch(/^550 .*No such mailbox here/);
    const health = await outboxCheck();
    expect(health.status).toBe('degraded');
    expect(health.message).toMatch(/failed/);

    // An admin sends it again once the address is fixed; health is ok when nothing failed recently.
    expect((await call(retry.POST, { as: admin, params: { id: mail.id }, json: {} })).status).toBe(200);
    await drainOutbox();
    expect((await mailsOf(escalation.id)).every((m) => m.status === 'sent')).toBe(true);
  });

  it('gives up on temporary failures after the configured time and alerts', async () => {
    const escalation = await escalateOne('Never comes back');
    await smtp.stop();
    await drainOutbox();
    const result = await drainOutbox({ now: later(OUTBOX_POLICY.giveUpHours + 1) });
    expect(result.failed).toBeGreaterThanOrEqual(2);
    const mail = await supportMail(escalation.id);
    expect(mail.status).toBe('failed');
    expect(mail.lastError).toMatch(/^Gave up after 48 h of retries/);
    expect((await outboxCheck()).status).toBe('degraded');
    // Clean up so later tests start from a healthy outbox.
    await smtp.start();
    await db().update(emailOutbox).set({ status: 'pending', nextAttemptAt: new Date() }).where(eq(emailOutbox.escalationId, escalation.id));
    await drainOutbox();
  });

  it('sends each email once when two workers drain at the same time', async () => {
    const escalations = await Promise.all(Array.from({ length: 8 }, (_, i) => escalateOne(`Concurrent ${i}`)));
    const ids = escalations.map((e) => e.id);
    const [a, b] = await Promise.all([drainOutbox({ workerId: 'worker-a' }), drainOutbox({ workerId: 'worker-b' })]);
    const rows = await db().select().from(emailOutbox).where(inArray(emailOutbox.escalationId, ids));
    expect(rows).toHaveLength(16);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    for (const r of rows) expect(smtp.byMessageId(r.messageId)).toHaveLength(1);
    expect(a.sent + b.sent).toBeGreaterThanOrEqual(16);
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
  });

  it('the running worker delivers a new escalation on its own, and the backlog gauge follows', async () => {
    startOutboxWorker();
    const escalation = await escalateOne('Worker picks it up');
    const mail = await supportMail(escalation.id);
    const deadline = Date.now() + 10_000;
    while (smtp.byMessageId(mail.messageId).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(smtp.byMessageId(mail.messageId)).toHaveLength(1);
    await stopOutboxWorker();
    const gauge = await metrics().registry.getSingleMetricAsString('fixline_outbox_backlog');
    expect(gauge).toMatch(/fixline_outbox_backlog \d+/);
    expect((await smtpCheck()).status).toBe('ok');
  });
});

describe('without SMTP', () => {
  it('writes each email as an .eml file under DATA_DIR/outbox and serves it to admins', async () => {
    useFiles();
    expect((await smtpCheck()).status).toBe('not configured');
    const escalation = await escalateOne('No SMTP here');
    await drainOutbox();
    const mail = await supportMail(escalation.id);
    expect(mail.status).toBe('sent');
    expect(mail.deliveredVia).toMatch(/\.eml$/);
    expect(path.dirname(mail.deliveredVia!)).toBe(outboxDir());
    const file = fs.readFileSync(mail.deliveredVia!, 'utf8');
    const parsed = await simpleParser(file);
    expect(parsed.messageId).toBe(mail.messageId);
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('support@outbox.example.com');
    expect(smtp.messages).toHaveLength(0);

    const res = await call(eml.GET, { as: admin, params: { id: mail.id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(file);
  });
});
