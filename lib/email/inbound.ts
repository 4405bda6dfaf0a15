import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import EmailReplyParser from 'email-reply-parser';
import { simpleParser, type AddressObject } from 'mailparser';
import { AppError } from '@/lib/errors';
import { messageIdFor } from './message';

// Replies by email: a raw RFC 822 message is parsed, threaded to what the app sent by its
// In-Reply-To / References, and cut to what the person wrote (no quoted history, no signature).

export const INBOUND_POLICY = {
  /** A raw message larger than this is refused (413): replies are text, not attachments. */
  maxBytes: 10 * 1024 * 1024,
  /** How long a Message-ID is remembered, so a provider retrying its webhook posts once. */
  seenTtlSeconds: 30 * 24 * 3600,
} as const;

/** The secret compared in constant time (both sides hashed first, so their lengths never differ). */
export function secretMatches(provided: string | null, expected: string): boolean {
  if (!provided) return false;
  const a = createHash('sha256').update(provided).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The secret a request carries: `X-Inbound-Secret`, `Authorization: Bearer <secret>`, or HTTP Basic with it as the password. */
export function secretFrom(headers: Headers): string | null {
  const direct = headers.get('x-inbound-secret');
  if (direct) return direct;
  const authorization = headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
  if (bearer) return bearer[1].trim();
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : decoded;
  }
  return null;
}

/** Where a reply belongs, from a Message-ID the app issued. */
export type Thread =
  | { kind: 'escalation'; escalationId: string }
  | { kind: 'conversation'; sessionId: string }
  | { kind: 'escalation-conversation'; escalationId: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const TO_SUPPORT = new RegExp(`^escalation-(${UUID})(?:-urgent-[A-Za-z0-9._-]+)?$`, 'i');
const TO_TECHNICIAN = new RegExp(`^escalation-(${UUID})-confirmation$`, 'i');
const REMINDER = new RegExp(`^reply-reminder-(${UUID})-\\d+$`, 'i');

/** The thread of one Message-ID, or null when the app did not issue it (see messageIdFor). */
export function threadOf(messageId: string): Thread | null {
  const suffix = messageIdFor('x').slice(2); // "@domain>"
  const id = messageId.trim().toLowerCase();
  if (!id.startsWith('<') || !id.endsWith(suffix.toLowerCase())) return null;
  const local = id.slice(1, id.length - suffix.length);
  let m = REMINDER.exec(local);
  if (m) return { kind: 'conversation', sessionId: m[1] };
  m = TO_TECHNICIAN.exec(local);
  if (m) return { kind: 'escalation-conversation', escalationId: m[1] };
  m = TO_SUPPORT.exec(local);
  if (m) return { kind: 'escalation', escalationId: m[1] };
  return null;
}

/** The thread a reply answers: In-Reply-To first, then References from the newest. */
export function threadOfReply(inReplyTo: string | undefined, references: string[]): Thread | null {
  const candidates = [...(inReplyTo ? inReplyTo.split(/\s+/) : []), ...[...references].reverse()];
  for (const id of candidates) {
    const thread = threadOf(id);
    if (thread) return thread;
  }
  return null;
}

/** What the person wrote: quoted history ("On … wrote:", "Am … schrieb …:", "> …", forwarded headers) and signatures cut. */
export function visibleReply(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  return new EmailReplyParser()
    .read(normalised)
    .getVisibleText()
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface InboundMail {
  /** Message-ID of the reply, with angle brackets; null when it has none. */
  messageId: string | null;
  /** Key for "seen before": the Message-ID, or a hash of the raw message without one. */
  dedupeKey: string;
  from: string | null;
  subject: string;
  thread: Thread | null;
  /** The reply as written, cut of quoted history and signatures. */
  text: string;
  /** An out-of-office or other automatic reply (Auto-Submitted, Precedence: bulk/auto_reply). */
  automatic: boolean;
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const group of list) for (const a of group.value) if (a.address) return a.address.trim().toLowerCase();
  return null;
}

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return '';
}

const badMessage = (why: string) => new AppError('bad_request', `The body is not an email message: ${why}.`);

/** Parses a raw RFC 822 message; 400 when it holds NUL bytes or is not an email at all. */
export async function parseInbound(raw: Uint8Array): Promise<InboundMail> {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (!bytes.length) throw badMessage('the body is empty');
  if (bytes.includes(0)) throw badMessage('it contains NUL bytes');
  // A message starts with header lines ("Name: value"); anything else is not one.
  const head = bytes.subarray(0, 4096).toString('latin1');
  if (!/^[!-9;-~]+:[^\n]*\r?\n/.test(head)) throw badMessage('it does not start with header lines');
  const parsed = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true });
  const from = firstAddress(parsed.from);
  if (!from && !parsed.messageId && !parsed.inReplyTo) throw badMessage('it has no From, Message-ID or In-Reply-To header');
  const references = Array.isArray(parsed.references) ? parsed.references : parsed.references ? parsed.references.split(/\s+/) : [];
  const autoSubmitted = headerText(parsed.headers.get('auto-submitted')).trim().toLowerCase();
  const precedence = headerText(parsed.headers.get('precedence')).trim().toLowerCase();
  const messageId = parsed.messageId?.trim() || null;
  const body = parsed.text ?? '';
  return {
    messageId,
    dedupeKey: createHash('sha256')
      .update(messageId ?? bytes)
      .digest('hex'),
    from,
    subject: parsed.subject ?? '',
    thread: threadOfReply(parsed.inReplyTo, references),
    text: visibleReply(body),
    automatic: (autoSubmitted !== '' && autoSubmitted !== 'no') || ['bulk', 'auto_reply', 'junk', 'list'].includes(precedence),
  };
}
