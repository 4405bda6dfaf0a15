import 'server-only';
import type Mail from 'nodemailer/lib/mailer';
import type { OutboxEmail } from '@/db/schema';
import type { NewOutboxEmail } from '@/db/queries/outbox';
import { env } from '@/lib/env';
import { oneLine } from '@/lib/log';

/** The domain of FROM_EMAIL, used on the right of every Message-ID we make. */
function mailDomain(): string {
  return env().FROM_EMAIL.split('@')[1]?.toLowerCase() || 'localhost';
}

/** A stable Message-ID: the same key always gives the same id, so a retry is the same message. */
export function messageIdFor(key: string): string {
  return `<${key.replace(/[^A-Za-z0-9._-]/g, '-')}@${mailDomain()}>`;
}

export interface OutgoingEmail {
  kind: string;
  /** Stable key of the message: `escalation-<id>` gives Message-ID <escalation-<id>@domain>. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Message-ID this one answers (threading). */
  inReplyTo?: string;
  /** Where replies go (the inbound address), when replies by email are set up. */
  replyTo?: string;
  escalationId?: string | null;
}

/** An outbox row for the email; the subject and headers are single-line whatever the input. */
export function toOutboxRow(email: OutgoingEmail): NewOutboxEmail {
  const headers: Record<string, string> = {};
  if (email.inReplyTo) {
    headers['In-Reply-To'] = oneLine(email.inReplyTo, 300);
    headers.References = oneLine(email.inReplyTo, 300);
  }
  if (email.replyTo) headers['Reply-To'] = oneLine(email.replyTo, 254);
  return {
    messageId: messageIdFor(email.key),
    kind: email.kind,
    toAddress: oneLine(email.to, 254),
    fromAddress: env().FROM_EMAIL,
    subject: oneLine(email.subject, 250).trim(),
    textBody: email.text,
    htmlBody: email.html ?? null,
    headers,
    escalationId: email.escalationId ?? null,
  };
}

/** The message nodemailer sends for an outbox row: the same every time it is tried. */
export function toMailOptions(
  row: Pick<OutboxEmail, 'messageId' | 'fromAddress' | 'toAddress' | 'subject' | 'textBody' | 'htmlBody' | 'headers' | 'createdAt'>,
): Mail.Options {
  const { 'In-Reply-To': inReplyTo, References: references, ...rest } = row.headers ?? {};
  return {
    messageId: row.messageId,
    from: { name: 'Fixline', address: row.fromAddress },
    to: row.toAddress,
    subject: oneLine(row.subject, 250),
    text: row.textBody,
    ...(row.htmlBody ? { html: row.htmlBody } : {}),
    date: row.createdAt,
    ...(inReplyTo ? { inReplyTo } : {}),
    ...(references ? { references } : {}),
    headers: {
      ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [oneLine(k, 80), oneLine(v, 500)])),
      'Auto-Submitted': 'auto-generated',
    },
  };
}

/** The .eml file name for an outbox row: one file per email, overwritten by a retry. */
export function emlFileName(row: Pick<OutboxEmail, 'id' | 'kind' | 'createdAt'>): string {
  const stamp = row.createdAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${row.kind}-${row.id}.eml`;
}
