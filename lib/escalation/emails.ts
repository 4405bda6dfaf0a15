import 'server-only';
import type { AiEscalation } from '@/db/schema';
import { button, detailsTable, escapeHtml, heading, layout, link, paragraphs } from '@/lib/email/html';
import { messageIdFor, type OutgoingEmail } from '@/lib/email/message';
import { env } from '@/lib/env';
import { oneLine } from '@/lib/log';
import { markdownToHtml, markdownToText } from '@/lib/text/markdown';
import { ESCALATION_POLICY, REASON_LABEL } from './policy';
import type { Summary } from './summary';
import { citationLabel, formatTime, transcriptText, type TranscriptEntry } from './transcript';

export interface EscalationMailContext {
  escalation: AiEscalation;
  sessionTitle: string;
  technician: { name: string; email: string; phone: string | null };
}

const escalationKey = (id: string) => `escalation-${id}`;
const escalationLink = (id: string) => `${env().appUrl}/escalations/${id}`;
const chatLink = (sessionId: string) => `${env().appUrl}/chat/${sessionId}`;
/** Where replies by email go, when they are set up (INBOUND_EMAIL_ADDRESS); undefined otherwise. */
const replyAddress = () => env().INBOUND_EMAIL_ADDRESS;

/** `[Fixline #12] HIGH · AC-400 · Compressor stops after 10 minutes` — single line whatever was typed. */
export function escalationSubject(e: Pick<AiEscalation, 'reference' | 'urgency' | 'machineModel'>, sessionTitle: string): string {
  const parts = [
    e.urgency.toUpperCase(),
    e.machineModel ? oneLine(e.machineModel, 60).trim() : null,
    oneLine(sessionTitle, 120).trim() || 'Conversation',
  ];
  return `[Fixline #${e.reference}] ${parts.filter(Boolean).join(' · ')}`;
}

// Answers and the summary are Markdown; what technicians and support typed is shown as typed.
const isMarkdown = (e: TranscriptEntry) => e.role === 'assistant';
const contentHtml = (e: TranscriptEntry) => (isMarkdown(e) ? markdownToHtml(e.content) : paragraphs(e.content.trim()));
const asText = (e: TranscriptEntry): TranscriptEntry => (isMarkdown(e) ? { ...e, content: markdownToText(e.content) } : e);

function transcriptHtml(entries: TranscriptEntry[]): string {
  return entries
    .map((e) => {
      const colour = e.role === 'user' ? '#0f172a' : e.role === 'support' ? '#047857' : e.role === 'system' ? '#64748b' : '#1e40af';
      const cites = e.citations.length
        ? `<ul style="margin:6px 0 0;padding-left:18px;font-size:12px;color:#475569">${e.citations.map((c) => `<li>${escapeHtml(citationLabel(c))}</li>`).join('')}</ul>`
        : '';
      return `<div style="margin:0 0 14px;padding:10px 12px;border-left:3px solid ${colour};background:#f8fafc">
<div style="font-size:12px;color:#64748b"><strong style="color:${colour}">${escapeHtml(e.who)}</strong> · ${escapeHtml(formatTime(e.at))}${e.note ? ` · ${escapeHtml(e.note)}` : ''}</div>
<div style="margin-top:4px;font-size:14px;line-height:1.5">${contentHtml(e)}</div>${cites}</div>`;
    })
    .join('\n');
}

/** The email to support: everything needed to act, and the link to the escalation. */
export function supportEmail(ctx: EscalationMailContext, summary: Summary, entries: TranscriptEntry[]): OutgoingEmail {
  const { escalation: e, technician } = ctx;
  const url = escalationLink(e.id);
  const phone = e.phone ?? technician.phone;
  const summaryLabel =
    summary.source === 'ai'
      ? 'Summary (written by AI — check the transcript)'
      : 'Summary (extracted from the conversation; no AI model available)';
  const { text: transcript, cut, kept } = transcriptText(entries.map(asText), ESCALATION_POLICY.emailTranscriptChars);
  const shown = entries.slice(entries.length - kept);
  const cutNote = cut ? `Only the latest messages are included; the full conversation is at ${url}` : '';
  const details: [string, string | null][] = [
    ['Reference', `#${e.reference}`],
    ['Urgency', e.urgency.toUpperCase()],
    ['Reason', REASON_LABEL[e.reason]],
    ['Technician', technician.name],
    ['Email', technician.email],
    ['Phone', phone ?? 'not given'],
    ['Machine model', e.machineModel ?? 'not given'],
    ['Serial number', e.serialNumber ?? 'not given'],
    ['Conversation', ctx.sessionTitle],
  ];

  const text = [
    `Escalation #${e.reference} — ${e.urgency.toUpperCase()} urgency`,
    `Open it in Fixline: ${url}`,
    '',
    ...details.map(([k, v]) => `${k}: ${v}`),
    ...(e.note ? ['', 'Note from the technician:', e.note] : []),
    '',
    `${summaryLabel}:`,
    markdownToText(summary.text),
    '',
    'Transcript',
    '----------',
    ...(cutNote ? [cutNote, ''] : []),
    transcript,
    '',
    replyAddress()
      ? `Reply to this email or open the escalation to answer the technician: ${url}`
      : `Reply to the technician in Fixline: ${url}`,
  ].join('\n');

  const html = layout({
    title: `Escalation #${e.reference}`,
    preheader: `${REASON_LABEL[e.reason]} — ${technician.name}`,
    body: [
      `<p style="margin:0 0 4px;font-size:13px;color:${e.urgency === 'high' ? '#b91c1c' : '#64748b'};font-weight:700">${escapeHtml(e.urgency.toUpperCase())} URGENCY</p>`,
      `<h1 style="margin:0 0 16px;font-size:20px">Escalation #${escapeHtml(e.reference)}: ${escapeHtml(ctx.sessionTitle)}</h1>`,
      `<p style="margin:0 0 20px">${button(url, 'Open the escalation')}</p>`,
      detailsTable(details),
      e.note ? `${heading('Note from the technician')}<p style="margin:0;font-size:14px">${paragraphs(e.note)}</p>` : '',
      heading(summaryLabel),
      `<div style="margin:0;font-size:14px;line-height:1.5">${markdownToHtml(summary.text)}</div>`,
      heading('Transcript'),
      cutNote ? `<p style="font-size:12px;color:#64748b">${escapeHtml(cutNote)}</p>` : '',
      transcriptHtml(shown),
      `<p style="margin:20px 0 0;font-size:14px">${replyAddress() ? 'Reply to this email or answer the technician from' : 'Reply to the technician from'} ${link(url, url)}</p>`,
    ].join('\n'),
  });

  return {
    kind: 'escalation',
    key: escalationKey(e.id),
    to: env().SUPPORT_EMAIL,
    subject: escalationSubject(e, ctx.sessionTitle),
    text,
    html,
    replyTo: replyAddress(),
    escalationId: e.id,
  };
}

const SAFETY_ADVICE =
  'If anyone is in danger: stop the machine only if it is safe to do so, keep people away, and call your local emergency number.';

/** The technician's copy: support was notified, with the reference. Threaded under the support email. */
export function confirmationEmail(ctx: EscalationMailContext): OutgoingEmail {
  const { escalation: e, technician } = ctx;
  const title = oneLine(ctx.sessionTitle, 120).trim() || 'your conversation';
  const lines = [
    `Hello ${technician.name},`,
    '',
    `Support has been notified about "${title}" — reference #${e.reference} (${e.urgency} urgency).`,
    'A person from support will reply in the chat. Keep the reference if you call.',
    ...(e.reason === 'safety' ? ['', SAFETY_ADVICE] : []),
    ...(e.note ? ['', 'Your note:', e.note] : []),
    '',
    replyAddress()
      ? `Reply to this email or open the conversation: ${chatLink(e.sessionId)}`
      : `Open the conversation: ${chatLink(e.sessionId)}`,
  ];
  const html = layout({
    title: `Support has been notified — #${e.reference}`,
    body: [
      `<h1 style="margin:0 0 12px;font-size:20px">Support has been notified — reference #${escapeHtml(e.reference)}</h1>`,
      `<p style="font-size:14px">Hello ${escapeHtml(technician.name)},</p>`,
      `<p style="font-size:14px">Support has been notified about “${escapeHtml(title)}” (${escapeHtml(e.urgency)} urgency). A person from support will reply in the chat. Keep the reference if you call.</p>`,
      e.reason === 'safety' ? `<p style="font-size:14px;font-weight:600;color:#b91c1c">${escapeHtml(SAFETY_ADVICE)}</p>` : '',
      e.note ? `${heading('Your note')}<p style="font-size:14px">${paragraphs(e.note)}</p>` : '',
      `<p style="margin:20px 0 0">${button(chatLink(e.sessionId), 'Open the conversation')}</p>`,
    ].join('\n'),
  });
  return {
    kind: 'escalation-confirmation',
    key: `${escalationKey(e.id)}-confirmation`,
    to: technician.email,
    subject: `[Fixline #${e.reference}] Support has been notified · ${title}`,
    text: lines.join('\n'),
    html,
    replyTo: replyAddress(),
    inReplyTo: messageIdFor(escalationKey(e.id)),
    escalationId: e.id,
  };
}

/** To the technician when support resolves the escalation. */
export function resolutionEmail(ctx: EscalationMailContext, resolvedBy: string): OutgoingEmail {
  const { escalation: e, technician } = ctx;
  const title = oneLine(ctx.sessionTitle, 120).trim() || 'your conversation';
  const note = e.resolutionNote ?? '';
  const text = [
    `Hello ${technician.name},`,
    '',
    `${resolvedBy} from support resolved escalation #${e.reference} ("${title}").`,
    '',
    'Resolution:',
    note,
    '',
    `Open the conversation: ${chatLink(e.sessionId)}`,
  ].join('\n');
  const html = layout({
    title: `Resolved — #${e.reference}`,
    body: [
      `<h1 style="margin:0 0 12px;font-size:20px">Escalation #${escapeHtml(e.reference)} is resolved</h1>`,
      `<p style="font-size:14px">Hello ${escapeHtml(technician.name)},</p>`,
      `<p style="font-size:14px">${escapeHtml(resolvedBy)} from support resolved “${escapeHtml(title)}”.</p>`,
      heading('Resolution'),
      `<p style="font-size:14px">${paragraphs(note)}</p>`,
      `<p style="margin:20px 0 0">${button(chatLink(e.sessionId), 'Open the conversation')}</p>`,
    ].join('\n'),
  });
  return {
    kind: 'escalation-resolved',
    key: `${escalationKey(e.id)}-resolved`,
    to: technician.email,
    subject: `[Fixline #${e.reference}] Resolved · ${title}`,
    text,
    html,
    inReplyTo: messageIdFor(escalationKey(e.id)),
    escalationId: e.id,
  };
}

/** To support when a safety emergency is reported in an escalation that was not urgent. */
export function urgentFollowUpEmail(ctx: EscalationMailContext, messageId: string, message: string): OutgoingEmail {
  const { escalation: e, technician } = ctx;
  const url = escalationLink(e.id);
  const text = [
    `Escalation #${e.reference} is now HIGH urgency: ${technician.name} reported a safety emergency.`,
    '',
    `Phone: ${e.phone ?? technician.phone ?? 'not given'}`,
    '',
    'Message:',
    message,
    '',
    replyAddress() ? `Reply to this email or open it in Fixline: ${url}` : `Open it in Fixline: ${url}`,
  ].join('\n');
  const html = layout({
    title: `Escalation #${e.reference} is now urgent`,
    body: [
      `<h1 style="margin:0 0 12px;font-size:20px;color:#b91c1c">Escalation #${escapeHtml(e.reference)} is now HIGH urgency</h1>`,
      `<p style="font-size:14px">${escapeHtml(technician.name)} reported a safety emergency. Phone: ${escapeHtml(e.phone ?? technician.phone ?? 'not given')}</p>`,
      `<blockquote style="margin:12px 0;padding:8px 12px;border-left:3px solid #b91c1c;background:#fef2f2;font-size:14px">${paragraphs(message)}</blockquote>`,
      `<p style="margin:20px 0 0">${button(url, 'Open the escalation')}</p>`,
    ].join('\n'),
  });
  return {
    kind: 'escalation-urgent',
    key: `${escalationKey(e.id)}-urgent-${messageId}`,
    to: env().SUPPORT_EMAIL,
    subject: `${escalationSubject({ ...e, urgency: 'high' }, ctx.sessionTitle)} · Safety emergency reported`,
    text,
    html,
    replyTo: replyAddress(),
    inReplyTo: messageIdFor(escalationKey(e.id)),
    escalationId: e.id,
  };
}
