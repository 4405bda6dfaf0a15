import 'server-only';
import { listConsentsForUser } from '@/db/queries/consents';
import {
  listAuditLogsPage,
  listEscalationReadsOfUser,
  listEscalationsPage,
  listFeedbackPage,
  listMessagesOfSessions,
  listReadsOfSessions,
  listSessionsPage,
  listSupportReplies,
  type Cursor,
} from '@/db/queries/privacy';
import { getUserByIdOrThrow, listApiTokens } from '@/db/queries/users';
import type { AiEscalation, AiMessage, AiSession, AuditLog, SessionRead } from '@/db/schema';
import { audit, type RequestMeta } from '@/lib/audit';
import { toMessageView } from '@/lib/conversations/views';
import type { AuthUser } from '@/lib/auth/session';
import { errorSummary, log } from '@/lib/log';

/** Rows read per query: the export never holds more than a page of each in memory. */
const PAGE = { sessions: 25, feedback: 500, escalations: 100, audit: 500 } as const;

export const EXPORT_FORMAT = { format: 'fixline-export', version: 1 } as const;

function sessionEntry(s: AiSession, messages: AiMessage[], read: SessionRead | undefined) {
  return {
    id: s.id,
    title: s.title,
    machineModel: s.machineModel,
    serialNumber: s.serialNumber,
    mode: s.mode,
    createdAt: s.createdAt,
    lastMessageAt: s.lastMessageAt,
    // The message as the app shows it, with when feedback was given.
    messages: messages.map((m) => ({ ...toMessageView(m), feedbackAt: m.feedbackAt })),
    // How far the owner had read (the last message seen) and the last unread-reply reminder.
    read: read ? { lastSeenSeq: read.readSeq, readAt: read.readAt, remindedUpToSeq: read.remindedSeq, remindedAt: read.remindedAt } : null,
  };
}

function escalationEntry(e: AiEscalation, replies: Awaited<ReturnType<typeof listSupportReplies>>) {
  return {
    id: e.id,
    reference: e.reference,
    sessionId: e.sessionId,
    status: e.status,
    urgency: e.urgency,
    reason: e.reason,
    note: e.note,
    phone: e.phone,
    summary: e.summary,
    machineModel: e.machineModel,
    serialNumber: e.serialNumber,
    createdAt: e.createdAt,
    acknowledgedAt: e.acknowledgedAt,
    resolvedAt: e.resolvedAt,
    resolutionNote: e.resolutionNote,
    supportReplies: replies.map((r) => ({ id: r.id, authorName: r.authorName, content: r.content, createdAt: r.createdAt })),
  };
}

function auditEntry(a: AuditLog) {
  return {
    id: a.id,
    action: a.action,
    targetType: a.targetType,
    targetId: a.targetId,
    outcome: a.outcome,
    ip: a.ip,
    userAgent: a.userAgent,
    details: a.details,
    createdAt: a.createdAt,
  };
}

/** A JSON array written element by element from pages of rows. */
async function* array<T>(key: string, pages: AsyncGenerator<T[]>): AsyncGenerator<string> {
  yield `,${JSON.stringify(key)}:[`;
  let first = true;
  for await (const page of pages) {
    for (const item of page) {
      yield (first ? '' : ',') + JSON.stringify(item);
      first = false;
    }
  }
  yield ']';
}

async function* sessionPages(userId: string) {
  let after: Cursor = null;
  for (;;) {
    const sessions = await listSessionsPage({ userId, after, limit: PAGE.sessions });
    if (!sessions.length) return;
    const sessionIds = sessions.map((s) => s.id);
    const [messages, reads] = await Promise.all([listMessagesOfSessions({ sessionIds }), listReadsOfSessions({ sessionIds })]);
    yield sessions.map((s) =>
      sessionEntry(
        s,
        messages.filter((m) => m.sessionId === s.id),
        reads.find((r) => r.sessionId === s.id),
      ),
    );
    const last = sessions[sessions.length - 1];
    after = { at: last.createdAt, id: last.id };
    if (sessions.length < PAGE.sessions) return;
  }
}

async function* feedbackPages(userId: string) {
  let afterSeq = 0;
  for (;;) {
    const rows = await listFeedbackPage({ userId, afterSeq, limit: PAGE.feedback });
    if (!rows.length) return;
    yield rows.map((r) => ({ messageId: r.messageId, sessionId: r.sessionId, helpful: r.helpful, comment: r.comment, givenAt: r.givenAt }));
    afterSeq = rows[rows.length - 1].seq;
    if (rows.length < PAGE.feedback) return;
  }
}

async function* escalationPages(userId: string) {
  let afterReference = 0;
  for (;;) {
    const rows = await listEscalationsPage({ userId, afterReference, limit: PAGE.escalations });
    if (!rows.length) return;
    const replies = await listSupportReplies({ sessionIds: [...new Set(rows.map((e) => e.sessionId))] });
    yield rows.map((e) =>
      escalationEntry(
        e,
        replies.filter((r) => r.sessionId === e.sessionId),
      ),
    );
    afterReference = rows[rows.length - 1].reference;
    if (rows.length < PAGE.escalations) return;
  }
}

async function* auditPages(userId: string) {
  let afterId = 0;
  for (;;) {
    const rows = await listAuditLogsPage({ actorId: userId, afterId, limit: PAGE.audit });
    if (!rows.length) return;
    yield rows.map(auditEntry);
    afterId = rows[rows.length - 1].id;
    if (rows.length < PAGE.audit) return;
  }
}

/** Everything Fixline holds about the user, as pieces of one JSON document. */
export async function* exportPieces(userId: string, exportedAt: Date): AsyncGenerator<string> {
  const [user, consents, tokens, escalationReads] = await Promise.all([
    getUserByIdOrThrow({ id: userId }),
    listConsentsForUser({ userId }),
    listApiTokens({ userId }),
    listEscalationReadsOfUser({ userId }),
  ]);
  const profile = {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    phone: user.phone,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
  };
  // A support person's: when they last opened each escalation.
  const head = { ...EXPORT_FORMAT, exportedAt, profile, consents, apiTokens: tokens, escalationReads };
  yield JSON.stringify(head).slice(0, -1);
  yield* array('sessions', sessionPages(userId));
  yield* array('feedback', feedbackPages(userId));
  yield* array('escalations', escalationPages(userId));
  yield* array('auditLogs', auditPages(userId));
  yield '}\n';
}

/** GET /api/me/export: the download, streamed as it is read from the database. */
export async function exportResponse(user: AuthUser, meta: RequestMeta): Promise<Response> {
  const now = new Date();
  await audit({ action: 'user.data_exported', actor: user, target: { type: 'user', id: user.id }, meta });
  const pieces = exportPieces(user.id, now);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await pieces.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        log().error({ err: errorSummary(error), userId: user.id, requestId: meta.requestId }, 'data export failed mid-way');
        controller.error(error);
      }
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="fixline-export-${now.toISOString().slice(0, 10)}.json"`,
    },
  });
}
