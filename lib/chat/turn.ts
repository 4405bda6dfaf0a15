import { db, violatedUniqueIndex } from '@/db';
import {
  continueConversation,
  createSession,
  deleteMessages,
  getSessionForUserOrThrow,
  insertMessages,
  interruptStaleStreams,
  listMessages,
  ONE_STREAMING_ANSWER,
  startConversation,
  updateSession,
  type StoredTurn,
} from '@/db/queries/chat';
import type { AiMessage, AiSession } from '@/db/schema';
import { trackAll, type AnalyticsEventType } from '@/lib/analytics';
import type { RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { AppError, conflict, notFound } from '@/lib/errors';
import { errorSummary, log } from '@/lib/log';
import { CHAT_POLICY, RATE_LIMITS } from '@/lib/policies';
import { consumeOrThrow } from '@/lib/rate-limit';
import { autoTitle } from './answer';
import { sseFrame } from './events';
import { afterAnswer, beforeAnswer, refineTitle } from './hooks';
import { generateAnswer } from './generate';
import { findSources, type Sources } from './sources';
import { publish } from '@/lib/live/hub';
import { markGenerating } from './live';
import { launch } from './registry';
import { openLiveResponse } from './stream';
import { toMessageView, toSessionView } from '@/lib/conversations/views';

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
  sources: Promise<Sources> | undefined;
}

/**
 * Stores the technician's message and a placeholder answer before anything else happens, with the
 * turn's analytics. A new or continuing conversation takes one statement (a continuing one reads
 * its history first); regenerating, or an answer still marked as being written, take the
 * transaction below.
 */
async function prepareTurn(user: AuthUser, input: SendInput, limits: Promise<unknown>): Promise<Prepared> {
  if (input.regenerate || !input.sessionId) await limits;
  if (input.regenerate) return prepareInTransaction(user, input);
  const question = input.message ?? '';
  const messageEvent = { type: 'message_sent' satisfies AnalyticsEventType, properties: { chars: question.length } };

  if (!input.sessionId) {
    const machineModel = input.machineModel ?? null;
    // Everything the lookup needs is in the request: it runs while the turn is stored.
    const sources = lookUp({ question, history: [], machineModel });
    const turn = await startConversation({
      userId: user.id,
      title: autoTitle(question),
      machineModel,
      serialNumber: input.serialNumber ?? null,
      content: question,
      events: { message: messageEvent, session: { type: 'session_started' satisfies AnalyticsEventType, properties: { machineModel } } },
    });
    return prepared(turn, { created: true, question, history: [], sources });
  }

  const [session, messages] = await Promise.all([getSessionForUserOrThrow({ id: input.sessionId, userId: user.id }), listMessages({ sessionId: input.sessionId }), limits]);
  if (messages.some((m) => m.status === 'streaming')) return prepareInTransaction(user, input);
  const history = toHistory(messages, false);
  const machineModel = input.machineModel !== undefined ? input.machineModel : session.machineModel;
  const sources = session.mode !== 'support' ? lookUp({ question, history, machineModel }) : undefined;
  let turn;
  try {
    turn = await continueConversation({ sessionId: session.id, userId: user.id, changes: sessionChanges(input), content: question, events: { message: messageEvent } });
  } catch (error) {
    // Another answer started since the read: the transaction decides (409, or a stale one closed).
    if (violatedUniqueIndex(error) === ONE_STREAMING_ANSWER) return prepareInTransaction(user, input);
    throw error;
  }
  if (!turn) throw notFound('Conversation'); // deleted since the read
  return prepared(turn, { created: false, question, history, sources });
}

function prepared({ session, messages }: StoredTurn, rest: Pick<Prepared, 'created' | 'question' | 'history' | 'sources'>): Prepared {
  return { session, userMessage: messages.find((m) => m.role === 'user') ?? null, assistant: messages.find((m) => m.role === 'assistant') ?? null, ...rest };
}

/** The manual passages for the answer, looked up while the turn is stored (off the path to the first token). */
function lookUp(query: Parameters<typeof findSources>[0]): Promise<Sources> {
  const sources = findSources(query);
  sources.catch(() => {}); // a failed turn never reads it; generateAnswer reports a failed lookup
  return sources;
}

/** The machine model and serial number the message sets on its conversation (only those it sends). */
function sessionChanges(input: SendInput): Partial<Pick<AiSession, 'machineModel' | 'serialNumber'>> {
  return {
    ...(input.machineModel !== undefined && { machineModel: input.machineModel }),
    ...(input.serialNumber !== undefined && { serialNumber: input.serialNumber }),
  };
}

/** The conversation so far, as the model's context (without the question being answered again). */
function toHistory(messages: AiMessage[], regenerate: boolean): Prepared['history'] {
  return messages
    .filter((m) => (m.role === 'user' || m.role === 'assistant') && m.content)
    .filter((m, i, all) => !(regenerate && i === all.length - 1 && m.role === 'user'))
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
}

/**
 * The careful path, in one transaction with the conversation locked: regenerating (the last answer
 * is replaced) and conversations with an answer marked as being written (stale ones are closed,
 * a live one is a 409).
 */
async function prepareInTransaction(user: AuthUser, input: SendInput): Promise<Prepared> {
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

    const history = toHistory(messages, Boolean(input.regenerate));
    // The lookup runs on another connection while this transaction writes and commits; the model
    // is called only after the commit.
    const machineModel = input.machineModel !== undefined ? input.machineModel : session.machineModel;
    const sources = session.mode !== 'support' ? lookUp({ question, history, machineModel }) : undefined;

    if (!created) session = await updateSession({ id: session.id, lastMessageAt: new Date(), ...sessionChanges(input) }, tx);

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
  // Checked while the conversation is read; nothing is written or looked up before they pass.
  const limits = Promise.all([
    consumeOrThrow(RATE_LIMITS.chatPerUser, user.id, 'You are sending messages quickly. Wait a moment and try again.'),
    consumeOrThrow(RATE_LIMITS.chatPerIp, meta.ip ?? 'unknown', 'Too many messages from this network. Wait a moment and try again.'),
  ]);

  const turn = await prepareTurn(user, input, limits);
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
