import 'server-only';
import path from 'node:path';
import { getOutboxEmailOrThrow, getOutboxStats, listOutboxEmails, requeueEmail } from '@/db/queries/outbox';
import type { OutboxEmail } from '@/db/schema';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { toMailOptions } from './message';
import { wakeOutbox } from './outbox';
import { OUTBOX_POLICY } from './policy';
import { readOutboxFile, renderRaw } from './transport';

/** Where an email went, fit to show: "SMTP", or the .eml file name (never a server path). */
function deliveredTo(via: string | null): string | null {
  if (!via) return null;
  return via === 'smtp' ? 'SMTP' : path.basename(via);
}

/** GET /api/admin/outbox: every email with its delivery state, newest first. */
export async function listOutbox(filter: { status?: OutboxEmail['status']; limit: number; offset: number }) {
  const [emails, stats] = await Promise.all([
    listOutboxEmails(filter),
    getOutboxStats({ failedSince: new Date(Date.now() - OUTBOX_POLICY.failedWindowHours * 3_600_000) }),
  ]);
  return {
    mode: env().smtpConfigured ? ('smtp' as const) : ('files' as const),
    stats,
    emails: emails.map(({ deliveredVia, ...e }) => ({ ...e, deliveredVia: deliveredTo(deliveredVia) })),
  };
}

/** One email with its bodies. */
export async function getOutboxEmail(id: string) {
  const e = await getOutboxEmailOrThrow({ id });
  return {
    email: {
      id: e.id,
      kind: e.kind,
      messageId: e.messageId,
      fromAddress: e.fromAddress,
      toAddress: e.toAddress,
      subject: e.subject,
      headers: e.headers,
      textBody: e.textBody,
      status: e.status,
      attempts: e.attempts,
      lastError: e.lastError,
      nextAttemptAt: e.nextAttemptAt,
      sentAt: e.sentAt,
      deliveredVia: deliveredTo(e.deliveredVia),
      escalationId: e.escalationId,
      createdAt: e.createdAt,
    },
  };
}

/** The message as an .eml: the file the outbox wrote, or the same message rendered again. */
export async function outboxEml(id: string): Promise<{ fileName: string; data: Buffer }> {
  const e = await getOutboxEmailOrThrow({ id });
  const written = e.deliveredVia && e.deliveredVia !== 'smtp' ? await readOutboxFile(path.basename(e.deliveredVia)) : null;
  return { fileName: `fixline-${e.kind}-${e.id.slice(0, 8)}.eml`, data: written ?? (await renderRaw(toMailOptions(e))) };
}

/** POST /api/admin/outbox/:id/retry: a failed or waiting email goes out again now. */
export async function retryOutboxEmail(user: AuthUser, id: string, meta: RequestMeta) {
  const before = await getOutboxEmailOrThrow({ id });
  const row = await requeueEmail({ id });
  await audit({
    action: 'outbox.retried',
    actor: user,
    target: { type: 'email', id },
    details: { kind: row.kind, previousStatus: before.status, attempts: row.attempts },
    meta,
  });
  wakeOutbox();
  return { email: { id: row.id, status: row.status, nextAttemptAt: row.nextAttemptAt } };
}
