import { db } from '@/db';
import { createSession, deleteMessages, getSessionForUserOrThrow, insertMessages, interruptStaleStreams, listMessages, updateSession } from '@/db/queries/chat';
import type { AiMessage, AiSession } from '@/db/schema';
import { trackAll } from '@/lib/analytics';
import type { RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import type { RetrievedChunk } from '@/lib/retrieval';
import { AppError, conflict } from '@/lib/errors';
import { errorSummary, log } from '@/lib/log';
import { CHAT_POLICY, RATE_LIMITS } from '@/lib/policies';
import { consumeOrThrow } from '@/lib/rate-limit';
import { autoTitle } from './answer';
import { sseFrame } from './events';
import { afterAnswer, beforeAnswer, refineTitle } from './hooks';
import { findSources, generateAnswer } from './generate';
import { markGenerating, publish } from './live';
import { launch } from './registry';
import { openLiveResponse } from './stream';
import { toMessageView, toSessionView } from './views';

export interface SendInput {
  sessionId?: string;
  message?: string;
  machineModel?: string | null;
  serialNumber?: string | null;
  regenerate?: boolean;
}

interface Prepared {
  session: AiSession;
  created: boolean;
  userMessage: AiMessage | null;
  assistant: AiMessage | null;
  question: string;
  history: { role: 'user' | 'assistant'; content: string }[];
  /** The answer's sources, looked up while the turn is stored (off the path to the first token). */
  sources: Promise<RetrievedChunk[]> | undefined;
}

/**
 * Stores the technician's message (and a placeholder answer) before anything else happens, with
 * the analytics of the turn, in one transaction and as few round trips as possible.
 */
async function prepareTurn(user: AuthUser, input: SendInput): Promise<Prepared> {
  return db().transaction(async (tx) => {
    let session: AiSession;
    let created = false;
    let messages: AiMessage[] = [];
    if (input.sessionId) {
      session = await getSessionForUserOrThrow({ id: input.sessionId, userId: user.id, lock: true }, tx);
      messages = await listMessages({ sessionId: session.id }, tx);
      if (messages.some((m) => m.status === 'streaming')) {
        const stale = await interruptStaleStreams({ sessionId: session.id, olderThan: new Date(Date.now() - CHAT_POLICY.staleSeconds * 1000) }, tx);
        if (!stale.length) throw conflict('An answer is still being written in this conversation. Wait for it or stop it first.');
      }
    } else {
      if (input.regenerate) throw new AppError('validation_error', 'Regenerate needs the sessionId of the conversation.');
      session = await createSession({ userId: user.id, title: autoTitle(input.message ?? ''), machineModel: input.machineModel ?? null, serialNumber: input.serialNumber ?? null }, tx);
      created = true;
    }

    let question: string;
    if (input.regenerate) {
      const last = messages[messages.length - 1];
      const lastUser = [...messages].reverse().find((m) => m.role === 'user');
      if (!lastUser) throw new AppError('validation_error', 'There is no question to answer again in this conversation.');
      if (last?.role === 'assistant') {
        await deleteMessages({ ids: [last.id] }, tx);
        messages = messages.slice(0, -1);
      }
      question = lastUser.content;
    } else {
      question = input.message ?? '';
    }

    const history = messages
      .filter((m) => (m.role === 'user' || m.role === 'assistant') && m.content)
      .filter((m, i, all) => !(input.regenerate && i === all.length - 1 && m.role === 'user'))
      .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
    // The lookup runs on another connection while this transaction writes and commits; the model
    // is called only after the commit.
    const machineModel = input.machineModel !== undefined ? input.machineModel : session.machineModel;
    const sources = session.mode !== 'support' ? findSources({ question, history, machineModel }) : undefined;
    sources?.catch(() => {}); // a failed turn never reads it; generateAnswer reports a failed lookup

    if (!created) {
      const changes: Parameters<typeof updateSession>[0] = { id: session.id, lastMessageAt: new Date() };
      if (input.machineModel !== undefined) changes.machineModel = input.machineModel;
      if (input.serialNumber !== undefined) changes.serialNumber = input.serialNumber;
      session = await updateSession(changes, tx);
    }

    // While support is engaged the assistant stays silent.
    const answers = session.mode !== 'support';
    const inserted = await insertMessages(
      [
        ...(input.regenerate ? [] : [{ sessionId: session.id, role: 'user' as const, content: question }]),
        ...(answers ? [{ sessionId: session.id, role: 'assistant' as const, content: '', status: 'streaming' as const }] : []),
      ],
      tx,
    );
    const userMessage = input.regenerate ? null : inserted[0];
    const assistant = answers ? inserted[inserted.length - 1] : null;

    const events: Parameters<typeof trackAll>[0] = [];
    if (created) events.push(['session_started', { userId: user.id, sessionId: session.id, properties: { machineModel: session.machineModel } }]);
    if (userMessage) events.push(['message_sent', { userId: user.id, sessionId: session.id, messageId: userMessage.id, properties: { chars: question.length } }]);
    await trackAll(events, tx);

    return { session, created, userMessage, assistant, question, history, sources };
  });
}

/** POST /api/chat: store the message, then stream the answer generated in the background. */
export async function sendMessage(user: AuthUser, input: SendInput, meta: RequestMeta, signal?: AbortSignal): Promise<Response> {
  await Promise.all([
    consumeOrThrow(RATE_LIMITS.chatPerUser, user.id, 'You are sending messages quickly. Wait a moment and try again.'),
    consumeOrThrow(RATE_LIMITS.chatPerIp, meta.ip ?? 'unknown', 'Too many messages from this network. Wait a moment and try again.'),
  ]);

  const turn = await prepareTurn(user, input);
  const { session, created, userMessage, assistant } = turn;
  if (userMessage) void publish(session.id, { type: 'message', message: toMessageView(userMessage) }).catch(() => {});

  const prelude = [
    sseFrame({
      type: 'session-started',
      data: { sessionId: session.id, userMessageId: userMessage?.id ?? null, assistantMessageId: assistant?.id ?? null, title: session.title, created, session: toSessionView(session, null) },
    }),
  ];
  const hookEvents = await beforeAnswer({ user, session, message: userMessage, meta });
  prelude.push(...hookEvents.map((e) => sseFrame(e)));

  if (!assistant) {
    // Support is handling the conversation: the message is delivered to them, no answer follows.
    prelude.push(sseFrame({ type: 'done', messageId: userMessage?.id ?? '', status: 'complete', mode: null, model: null, fallbackUsed: false, usage: { promptTokens: 0, completionTokens: 0 } }));
    return new Response(new Blob(prelude as BlobPart[]).stream(), { headers: (await import('./events')).SSE_HEADERS });
  }

  const response = await openLiveResponse({ sessionId: session.id, untilDoneOf: assistant.id, prelude, signal });
  // This instance knows of the answer at once; the store (other instances, reloads) a moment later.
  void Promise.all([markGenerating(session.id, assistant.id, CHAT_POLICY.staleSeconds * 3), publish(session.id, { type: 'generation', messageId: assistant.id })]).catch((error) =>
    log().warn({ err: errorSummary(error), sessionId: session.id }, 'answer not announced to other instances'),
  );
  launch(assistant.id, (abort, reason) =>
    generateAnswer(
      {
        session,
        userId: user.id,
        assistantMessageId: assistant.id,
        question: turn.question,
        history: turn.history,
        sources: turn.sources,
        onComplete: (answer) => afterAnswer({ user, session, answer, created, question: turn.question, meta }),
        afterDone: created ? () => refineTitle(session, turn.question) : undefined,
      },
      abort,
      reason,
    ),
  );
  return response;
}
