import { describe, expect, it } from 'vitest';
import type { AiEscalation } from '@/db/schema';
import { classifyDeliveryError } from '@/lib/email/errors';
import { escapeHtml } from '@/lib/email/html';
import { emlFileName, messageIdFor, toMailOptions, toOutboxRow } from '@/lib/email/message';
import { backoffSeconds, OUTBOX_POLICY } from '@/lib/email/policy';
import { confirmationEmail, escalationSubject, supportEmail } from '@/lib/escalation/emails';
import { extractiveSummary } from '@/lib/escalation/summary';
import { toTranscript, transcriptText } from '@/lib/escalation/transcript';

const smtpError = (responseCode: number | undefined, code = 'EENVELOPE', response = '') =>
  Object.assign(new Error('Message failed'), { responseCode, code, response });

describe('delivery errors', () => {
  const cases: [string, unknown, boolean][] = [
    ['550 mailbox unknown', smtpError(550, 'EENVELOPE', '550 5.1.1 No such user'), true],
    ['554 rejected as spam', smtpError(554, 'EMESSAGE', '554 5.7.1 Rejected'), true],
    ['451 greylisted', smtpError(451, 'EENVELOPE', '451 4.7.1 Try again later'), false],
    ['421 service not available', smtpError(421, 'ECONNECTION', '421 Too busy'), false],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }), false],
    ['timeout', Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' }), false],
    ['535 login refused (configuration, retried)', smtpError(535, 'EAUTH', '535 Authentication failed'), false],
    ['invalid recipient before sending', smtpError(undefined, 'EENVELOPE'), true],
    ['disk full writing the .eml', Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }), false],
  ];
  it.each(cases.map(([what, error, permanent]) => [what, permanent, error] as const))('%s → permanent: %s', (_what, permanent, error) => {
    const result = classifyDeliveryError(error);
    expect(result.permanent).toBe(permanent);
    expect(result.message.length).toBeGreaterThan(5);
  });

  it('keeps the SMTP reply in the message an admin sees', () => {
    expect(classifyDeliveryError(smtpError(550, 'EENVELOPE', '550 5.1.1 No such user')).message).toBe(
      '550 Message failed: 550 5.1.1 No such user',
    );
  });
});

describe('backoff', () => {
  it('doubles from 30 s, capped at an hour, with ±20 % jitter', () => {
    expect(backoffSeconds(1, () => 0.5)).toBe(30);
    expect(backoffSeconds(2, () => 0.5)).toBe(60);
    expect(backoffSeconds(5, () => 0.5)).toBe(480);
    expect(backoffSeconds(20, () => 0.5)).toBe(3600);
    expect(backoffSeconds(1, () => 0)).toBe(24);
    expect(backoffSeconds(1, () => 1)).toBe(36);
    expect(OUTBOX_POLICY.giveUpHours).toBe(48);
  });
});

const escalation: AiEscalation = {
  id: '0b8e2a5c-7d39-4c55-9a0e-5b1f1e0d9a11',
  reference: 12,
  sessionId: '6a1c1f4e-0c33-4b8e-9a42-5d2c3b7a9e01',
  userId: 'b2c1a6f0-1111-4e3a-8f0e-111111111111',
  status: 'open',
  urgency: 'high',
  reason: 'safety',
  note: 'Smoke <b>near</b> the drive & the fan',
  phone: '+49 170 1234567',
  summary: '',
  machineModel: 'AC-400',
  serialNumber: 'SN-1',
  assignedTo: null,
  acknowledgedAt: null,
  resolvedAt: null,
  resolvedBy: null,
  resolutionNote: null,
  createdAt: new Date('2025-03-01T10:00:00Z'),
  updatedAt: new Date('2025-03-01T10:00:00Z'),
};

const messages = toTranscript(
  [
    {
      id: '1',
      sessionId: escalation.sessionId,
      seq: 1,
      role: 'user',
      content: 'It smells <burnt>',
      status: 'complete',
      mode: null,
      authorId: null,
      authorName: null,
      citations: [],
      model: null,
      fallbackUsed: false,
      promptTokens: null,
      completionTokens: null,
      latencyMs: null,
      firstTokenMs: null,
      costUsd: null,
      error: null,
      helpful: null,
      feedbackComment: null,
      feedbackAt: null,
      createdAt: new Date('2025-03-01T09:58:00Z'),
      updatedAt: new Date(),
      completedAt: null,
    },
    {
      id: '2',
      sessionId: escalation.sessionId,
      seq: 2,
      role: 'assistant',
      content: 'Switch off the isolator [1].',
      status: 'complete',
      mode: 'ai',
      authorId: null,
      authorName: null,
      citations: [{ n: 1, documentId: 'd', chunkId: 'c', title: 'AC-400 Manual', page: 7, snippet: '…' }],
      model: 'm',
      fallbackUsed: false,
      promptTokens: 1,
      completionTokens: 1,
      latencyMs: 1,
      firstTokenMs: 1,
      costUsd: null,
      error: null,
      helpful: false,
      feedbackComment: null,
      feedbackAt: null,
      createdAt: new Date('2025-03-01T09:59:00Z'),
      updatedAt: new Date(),
      completedAt: null,
    },
    {
      id: '3',
      sessionId: escalation.sessionId,
      seq: 3,
      role: 'assistant',
      content: '',
      status: 'streaming',
      mode: null,
      authorId: null,
      authorName: null,
      citations: [],
      model: null,
      fallbackUsed: false,
      promptTokens: null,
      completionTokens: null,
      latencyMs: null,
      firstTokenMs: null,
      costUsd: null,
      error: null,
      helpful: null,
      feedbackComment: null,
      feedbackAt: null,
      createdAt: new Date('2025-03-01T09:59:30Z'),
      updatedAt: new Date(),
      completedAt: null,
    },
  ],
  'Terry',
);

describe('the escalation email', () => {
  const technician = { name: 'Terry <T>', email: 'terry@example.com', phone: null };

  it('has the subject format, and CR/LF cannot add headers', () => {
    expect(escalationSubject(escalation, 'Compressor smokes')).toBe('[Fixline #12] HIGH · AC-400 · Compressor smokes');
    expect(escalationSubject({ ...escalation, machineModel: null, urgency: 'low' }, 'Title\r\nBcc: x@evil.example')).toBe(
      '[Fixline #12] LOW · Title Bcc: x@evil.example',
    );
    const row = toOutboxRow({ kind: 'k', key: 'k', to: 'a@example.com\r\nCc: b@example.com', subject: 'S\nX-Evil: 1', text: 't' });
    expect(row.subject).not.toMatch(/[\r\n]/);
    expect(row.toAddress).not.toMatch(/[\r\n]/);
  });

  it('escapes everything user-given in the HTML and keeps it verbatim in the text', () => {
    const email = supportEmail(
      { escalation, sessionTitle: 'Smoke <script>', technician },
      { text: 'Summary & more', source: 'extractive' },
      messages,
    );
    expect(email.html).toContain('Smoke &lt;b&gt;near&lt;/b&gt; the drive &amp; the fan');
    expect(email.html).toContain('Terry &lt;T&gt;');
    expect(email.html).toContain('It smells &lt;burnt&gt;');
    expect(email.html).not.toMatch(/<script>|<b>near|<T>|<burnt>/);
    expect(email.text).toContain('Smoke <b>near</b> the drive & the fan');
    expect(email.text).toContain('[1] AC-400 Manual, page 7');
    expect(email.text).toContain('(rated not helpful)');
    expect(email.text).toContain(`/escalations/${escalation.id}`);
    expect(email.key).toBe(`escalation-${escalation.id}`);
  });

  it('threads the confirmation under the support email with stable Message-IDs', () => {
    const email = confirmationEmail({ escalation, sessionTitle: 'Smoke', technician });
    expect(email.to).toBe('terry@example.com');
    expect(email.inReplyTo).toBe(messageIdFor(`escalation-${escalation.id}`));
    expect(messageIdFor(`escalation-${escalation.id}`)).toBe(`<escalation-${escalation.id}@localhost>`);
    const options = toMailOptions({ ...toOutboxRow(email), createdAt: escalation.createdAt } as Parameters<typeof toMailOptions>[0]);
    expect(options).toMatchObject({
      messageId: `<escalation-${escalation.id}-confirmation@localhost>`,
      inReplyTo: `<escalation-${escalation.id}@localhost>`,
      references: `<escalation-${escalation.id}@localhost>`,
      date: escalation.createdAt,
    });
    expect(email.text).toMatch(/emergency number/);
  });

  it('names .eml files after the row, so a retry overwrites rather than duplicates', () => {
    expect(emlFileName({ id: 'abc', kind: 'escalation', createdAt: new Date('2025-03-01T10:00:00.123Z') })).toBe(
      '20250301T100000Z-escalation-abc.eml',
    );
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('transcript and extractive summary', () => {
  it('leaves out empty answers being written and cuts long transcripts from the start', () => {
    expect(messages).toHaveLength(2);
    const { text, cut, kept } = transcriptText(messages, 140);
    expect(cut).toBe(true);
    expect(kept).toBe(1);
    expect(text).toContain('Switch off the isolator');
  });

  it('picks the facts without a model', () => {
    const summary = extractiveSummary({
      entries: messages,
      reason: 'safety',
      note: 'Smoke near the drive',
      machineModel: 'AC-400',
      serialNumber: 'SN-1',
    });
    expect(summary).toContain('- Reason: Safety emergency reported.');
    expect(summary).toContain('- Machine: AC-400, serial SN-1.');
    expect(summary).toContain('- First message: "It smells <burnt>"');
    expect(summary).toContain('(cites AC-400 Manual p. 7)');
    expect(summary).toContain('2 messages in the conversation, 1 from the technician.');
  });
});
