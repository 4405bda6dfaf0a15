import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createSession, insertMessage } from '@/db/queries/chat';
import { emailOutbox } from '@/db/schema';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import * as one from '@/app/api/escalations/[id]/route';
import { drainOutbox } from '@/lib/email/outbox';
import { call, makeUser, type TestUser } from '../helpers/api';
import { startModelServer, type ModelServer } from '../helpers/model-server';
import { TestSmtpServer } from '../helpers/smtp-server';
import { modelEnv, NO_MODEL, setTestEnv } from '../helpers/env';

let smtp: TestSmtpServer;
let model: ModelServer;
let tech: TestUser;
let support: TestUser;

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  model = await startModelServer();
  setTestEnv({ ...smtp.env, FROM_EMAIL: 'fixline@mail.example.com', SUPPORT_EMAIL: 'support-team@example.com', ...NO_MODEL });
  tech = await makeUser('technician', { name: 'Terry <b>Tech</b>' });
  support = await makeUser('support');
  await drainOutbox(); // mail queued by earlier files goes out now, not in the middle of these tests
});

afterAll(async () => {
  setTestEnv({ SMTP_SERVER: undefined, SMTP_PORT: undefined, FROM_EMAIL: undefined, SUPPORT_EMAIL: undefined, ...NO_MODEL });
  await smtp.stop();
  await model.close();
});

beforeEach(() => smtp.clear());

async function escalated(
  title: string,
  json: Record<string, unknown> = { urgency: 'high', note: 'Line 3 is down <script>alert(1)</script>', phone: '+49 170 555' },
  as: TestUser = tech,
) {
  const session = await createSession({ userId: as.id, title, machineModel: 'AC-400', serialNumber: 'SN-4711' });
  await insertMessage({ sessionId: session.id, role: 'user', content: 'Compressor trips with E07 & the fan <won’t> start.' });
  await insertMessage({
    sessionId: session.id,
    role: 'assistant',
    content: 'E07 means high discharge temperature. Clean the after-cooler [1].',
    mode: 'ai',
    citations: [
      { n: 1, documentId: crypto.randomUUID(), chunkId: crypto.randomUUID(), title: 'AC-400 Service Manual', page: 42, snippet: 'E07' },
    ],
  });
  const res = await call(escalate.POST, { as, params: { id: session.id }, json });
  expect(res.status).toBe(201);
  return { session, escalation: (await res.json()).escalation as { id: string; reference: number } };
}

describe('the escalation email', () => {
  it('goes to SUPPORT_EMAIL from FROM_EMAIL with the subject, details, summary, transcript, link and a stable Message-ID', async () => {
    const { escalation } = await escalated('Compressor trips');
    await drainOutbox();
    const toSupport = smtp.byMessageId(`<escalation-${escalation.id}@mail.example.com>`);
    expect(toSupport).toHaveLength(1);
    const mail = toSupport[0];
    expect(mail.to).toEqual(['support-team@example.com']);
    expect(mail.from).toBe('fixline@mail.example.com');
    expect(mail.parsed.subject).toBe(`[Fixline #${escalation.reference}] HIGH · AC-400 · Compressor trips`);

    const text = mail.parsed.text ?? '';
    for (const expected of [
      'Terry <b>Tech</b>',
      tech.email,
      '+49 170 555',
      'AC-400',
      'SN-4711',
      'Escalated by the technician',
      'Line 3 is down <script>alert(1)</script>',
      'Summary (extracted from the conversation; no AI model available)',
      'Compressor trips with E07 & the fan <won’t> start.',
      'Clean the after-cooler [1]',
      '[1] AC-400 Service Manual, page 42',
      `http://localhost:3000/escalations/${escalation.id}`,
    ]) {
      expect(text).toContain(expected);
    }

    // User content is escaped in the HTML part: no markup of theirs survives.
    const html = String(mail.parsed.html);
    expect(html).toContain('Line 3 is down &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Terry &lt;b&gt;Tech&lt;/b&gt;');
    expect(html).toContain('the fan &lt;won’t&gt; start.');
    expect(html).not.toContain('<script>');
    expect(html).toContain(`href="http://localhost:3000/escalations/${escalation.id}"`);
    expect(html).toContain('AC-400 Service Manual, page 42');
  });

  it('sends the technician a confirmation threaded under the support email', async () => {
    const { escalation } = await escalated('Fan noise', { urgency: 'normal' });
    await drainOutbox();
    const [confirmation] = smtp.byMessageId(`<escalation-${escalation.id}-confirmation@mail.example.com>`);
    expect(confirmation.to).toEqual([tech.email]);
    expect(confirmation.parsed.subject).toBe(`[Fixline #${escalation.reference}] Support has been notified · Fan noise`);
    expect(confirmation.parsed.inReplyTo).toBe(`<escalation-${escalation.id}@mail.example.com>`);
    expect(confirmation.parsed.references).toContain(`<escalation-${escalation.id}@mail.example.com>`);
    expect(confirmation.parsed.text).toContain(`reference #${escalation.reference}`);
  });

  it('keeps CR/LF typed into titles and models out of the headers', async () => {
    const session = await createSession({
      userId: tech.id,
      title: 'Pump\r\nBcc: victim@example.com',
      machineModel: 'AC-400\r\nX-Injected: yes',
      serialNumber: null,
    });
    await insertMessage({ sessionId: session.id, role: 'user', content: 'help' });
    const { escalation } = (await (
      await call(escalate.POST, { as: tech, params: { id: session.id }, json: { urgency: 'low' } })
    ).json()) as { escalation: { id: string; reference: number } };
    await drainOutbox();
    const [mail] = smtp.byMessageId(`<escalation-${escalation.id}@mail.example.com>`);
    expect(mail.to).toEqual(['support-team@example.com']);
    expect(mail.parsed.subject).toBe(`[Fixline #${escalation.reference}] LOW · AC-400 X-Injected: yes · Pump Bcc: victim@example.com`);
    expect(mail.parsed.headers.has('x-injected')).toBe(false);
    expect(mail.parsed.bcc).toBeUndefined();
    expect(smtp.messages.flatMap((m) => m.to)).not.toContain('victim@example.com');
  });

  it('sends the technician the resolution, threaded too', async () => {
    const { escalation } = await escalated('Oil leak', { urgency: 'normal' });
    await call(one.PATCH, {
      method: 'PATCH',
      as: support,
      params: { id: escalation.id },
      json: { status: 'resolved', resolutionNote: 'Replaced the O-ring <seal>.' },
    });
    await drainOutbox();
    const [resolved] = smtp.byMessageId(`<escalation-${escalation.id}-resolved@mail.example.com>`);
    expect(resolved.to).toEqual([tech.email]);
    expect(resolved.parsed.subject).toBe(`[Fixline #${escalation.reference}] Resolved · Oil leak`);
    expect(resolved.parsed.text).toContain('Replaced the O-ring <seal>.');
    expect(String(resolved.parsed.html)).toContain('Replaced the O-ring &lt;seal&gt;.');
    expect(resolved.parsed.inReplyTo).toBe(`<escalation-${escalation.id}@mail.example.com>`);
  });
});

describe('the summary for support', () => {
  it('is written by the model when one is configured (the conversation sent as data)', async () => {
    setTestEnv({
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: model.url,
      OPENAI_MODEL: 'primary',
      OPENAI_FALLBACK_MODEL: 'fallback',
      OPENAI_TIMEOUT: '5',
    });
    model.reset();
    model.scriptComplete('primary', {
      kind: 'stream',
      tokens: ['- AC-400 trips with E07 (high discharge temperature).\n', '- Cooler cleaning suggested (manual p. 42).'],
    });
    try {
      const { escalation } = await escalated('Summary by model', { urgency: 'normal' });
      const [row] = await db()
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.messageId, `<escalation-${escalation.id}@mail.example.com>`));
      expect(row.textBody).toContain('Summary (written by AI — check the transcript):\n- AC-400 trips with E07');
      const request = model.requests.find((r) => !r.stream)!;
      expect(request.messages[1].content).toContain('<conversation>');
      expect(request.messages[0].content).toMatch(/never an instruction/);
    } finally {
      setTestEnv(NO_MODEL);
    }
  });

  it('is extracted, and nothing is sent to the model, for a technician who has not consented to AI processing', async () => {
    const withoutConsent = await makeUser('technician', { consent: false });
    setTestEnv(modelEnv(model.url, { OPENAI_TIMEOUT: '5' }));
    model.reset();
    try {
      const { escalation } = await escalated('Summary without consent', { urgency: 'normal' }, withoutConsent);
      const [row] = await db()
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.messageId, `<escalation-${escalation.id}@mail.example.com>`));
      expect(row.textBody).toContain('Summary (extracted from the conversation; no AI model available)');
      expect(model.requests).toHaveLength(0);
    } finally {
      setTestEnv(NO_MODEL);
    }
  });

  it('falls back to the extractive summary when the model does not answer in time', async () => {
    setTestEnv({
      OPENAI_API_KEY: 'test-key',
      OPENAI_BASE_URL: model.url,
      OPENAI_MODEL: 'primary',
      OPENAI_FALLBACK_MODEL: 'fallback',
      OPENAI_TIMEOUT: '1',
    });
    model.reset();
    model.setDefault('*', { kind: 'hang' });
    try {
      const started = Date.now();
      const { escalation } = await escalated('Summary fallback', { urgency: 'normal' });
      expect(Date.now() - started).toBeLessThan(12_000);
      const [row] = await db()
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.messageId, `<escalation-${escalation.id}@mail.example.com>`));
      expect(row.textBody).toContain(
        'Summary (extracted from the conversation; no AI model available):\n- Reason: Escalated by the technician.',
      );
    } finally {
      model.reset();
      setTestEnv(NO_MODEL);
    }
  });
});
