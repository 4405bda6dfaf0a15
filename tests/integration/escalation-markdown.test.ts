// Answers and AI summaries are Markdown: support reads them as text or rendered, never as raw marks.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { createSession, insertMessage } from '@/db/queries/chat';
import { aiEscalations } from '@/db/schema';
import * as escalate from '@/app/api/sessions/[id]/escalate/route';
import { drainOutbox } from '@/lib/email/outbox';
import { call, makeUser, type TestUser } from '../helpers/api';
import { modelEnv, NO_MODEL, setTestEnv } from '../helpers/env';
import { startModelServer, type ModelServer } from '../helpers/model-server';
import { TestSmtpServer } from '../helpers/smtp-server';

let smtp: TestSmtpServer;
let model: ModelServer;
let tech: TestUser;

// What a manuals-only answer looks like when it is stored.
const ANSWER = [
  'Here are the most relevant passages from the manuals, quoted as written:',
  '',
  '**AC-400 Service Manual**, page 42 — 7.5 Discharge temperature [1]',
  '',
  '> ## 7.5 Discharge temperature',
  '> Clean the *after-cooler* and check the fan.',
].join('\n');

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  model = await startModelServer();
  setTestEnv({ ...smtp.env, FROM_EMAIL: 'fixline@mail.example.com', SUPPORT_EMAIL: 'support-team@example.com', ...NO_MODEL });
  tech = await makeUser('technician', { name: 'Tess Tech' });
  await drainOutbox();
});

afterAll(async () => {
  setTestEnv({ SMTP_SERVER: undefined, SMTP_PORT: undefined, FROM_EMAIL: undefined, SUPPORT_EMAIL: undefined, ...NO_MODEL });
  await smtp.stop();
  await model.close();
});

async function escalated(title: string) {
  const session = await createSession({ userId: tech.id, title, machineModel: 'AC-400', serialNumber: null });
  await insertMessage({ sessionId: session.id, role: 'user', content: 'E07 on the display, what **now**?' });
  await insertMessage({
    sessionId: session.id,
    role: 'assistant',
    content: ANSWER,
    mode: 'manuals_only',
    citations: [
      { n: 1, documentId: crypto.randomUUID(), chunkId: crypto.randomUUID(), title: 'AC-400 Service Manual', page: 42, snippet: 'E07' },
    ],
  });
  const res = await call(escalate.POST, { as: tech, params: { id: session.id }, json: { urgency: 'normal' } });
  expect(res.status).toBe(201);
  const { id } = (await res.json()).escalation as { id: string };
  await drainOutbox();
  const [mail] = smtp.byMessageId(`<escalation-${id}@mail.example.com>`);
  const [row] = await db().select().from(aiEscalations).where(eq(aiEscalations.id, id));
  return { mail, summary: row.summary ?? '' };
}

describe('Markdown in what support reads', () => {
  it('the extractive summary and the email quote the answer as words, and the HTML part renders it', async () => {
    const { mail, summary } = await escalated('Markdown without a model');
    expect(summary).toContain('Last answer: "Here are the most relevant passages');
    expect(summary).toContain(
      'AC-400 Service Manual, page 42 — 7.5 Discharge temperature [1] 7.5 Discharge temperature Clean the after-cooler',
    );
    const lastAnswer = summary.split('\n').find((l) => l.startsWith('- Last answer:'));
    expect(lastAnswer).not.toMatch(/\*\*|>|#/);

    const text = mail.parsed.text ?? '';
    expect(text).toContain(
      'AC-400 Service Manual, page 42 — 7.5 Discharge temperature [1]\n\n7.5 Discharge temperature\n\nClean the after-cooler and check the fan.',
    );
    expect(text.slice(text.indexOf('Assistant (manuals only'), text.indexOf('Support has been notified'))).not.toMatch(
      /\*\*|^> |#|\*after-cooler\*/m,
    );
    // What the technician typed is kept as typed.
    expect(text).toContain('E07 on the display, what **now**?');

    const html = String(mail.parsed.html);
    expect(html).toContain('<strong>AC-400 Service Manual</strong>');
    expect(html).toMatch(/<blockquote>\s*<h2>7.5 Discharge temperature<\/h2>/);
    expect(html).toContain('<em>after-cooler</em>');
    expect(html).toContain('what **now**?');
  });

  it("the model's summary keeps its Markdown for the page, and the email shows it as text and rendered", async () => {
    setTestEnv(modelEnv(model.url, { OPENAI_TIMEOUT: '5' }));
    model.reset();
    model.scriptComplete('primary', {
      kind: 'stream',
      tokens: [
        '**E07** (high discharge temperature) on an AC-400.\n\n',
        '- Cooler cleaning suggested\n- fan <img src=x onerror=alert(1)>not checked',
      ],
    });
    try {
      const { mail, summary } = await escalated('Markdown from the model');
      expect(summary).toBe(
        '**E07** (high discharge temperature) on an AC-400.\n\n- Cooler cleaning suggested\n- fan <img src=x onerror=alert(1)>not checked',
      );
      const text = mail.parsed.text ?? '';
      expect(text).toContain(
        'Summary (written by AI — check the transcript):\nE07 (high discharge temperature) on an AC-400.\n\n- Cooler cleaning suggested\n- fan not checked',
      );
      const html = String(mail.parsed.html);
      expect(html).toContain('<strong>E07</strong> (high discharge temperature)');
      expect(html).toContain('<li>Cooler cleaning suggested</li>');
      expect(html).toContain('<li>fan not checked</li>');
      expect(html).not.toMatch(/<img|onerror/);
    } finally {
      setTestEnv(NO_MODEL);
    }
  });
});
