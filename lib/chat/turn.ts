import 'server-only';
import { db, violatedUniqueIndex } from '@/db';
import {
  appendTurn,
  continueConversation,
  getSessionForUserOrThrow,
  interruptStaleStreams,
  listMessages,
  ONE_STREAMING_ANSWER,
  startConversation,
  type StoredTurn,
} from '@/db/queries/chat';
import type { AiMessage, AiSession } from '@/db/schema';
import { analyticsEvent, type AnalyticsEvent } from '@/lib/analytics';
import type { RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { AppError, conflict, notFound } from '@/lib/errors';
import { errorSummary, log } from '@/lib/log';
import { CHAT_POLICY, RATE_LIMITS } from '@/lib/policies';
import { consumeOrThrow } from '@/lib/rate-limit';
import { autoTitle } from './answer';
import { SSE_HEADERS, sseFrame } from '@/lib/live/sse';
import { refineTitle } from './hooks';
import { generateAnswer } from './generate';
import { findSources, type Sources, type SourcesQuery } from './sources';
import { publish } from '@/lib/live/hub';
import { markGenerating } from './live';
import { launch } from './registry';
import { emitAnswerDone, emitMessageStored } from './signals';
import { openLiveResponse } from './stream';
import { toMessageView, toSessionView } from '@/lib/conversations/views';

export interface SendInput {
  sessionId?: string;
  message?: string;
  machineModel?: string | null;
  serialNumber?: string | null;
  regenerate?: boolean;
}

type History = SourcesQuery['history'];

/** What a turn works from, worked out once from the request and the conversation so far. */
interface TurnPlan {
  question: string;
  /** The conversation so far, as the model's context (without the question being answered). */
  history: History;
  machineModel: string | null;
  /** The assistant answers: not while support has the conversation. */
  answers: boolean;
  events: { message?: AnalyticsEvent<'message_sent'>; session?: AnalyticsEvent<'session_started'> };
}

interface PreparedTurn extends TurnPlan {
  session: AiSession;
  created: boolean;
  userMessage: AiMessage | null;
  /** The answer placeholder and its sources, being looked up; null while support has the conversation. */
  answer: { message: AiMessage; sources: Promise<Sources> } | null;
}

/** The plan of a turn; `conversation` is null for a new one, and without the answer being replaced when one is generated again. */
function planTurn(user: AuthUser, input: SendInput, conversation: { session: AiSession; messages: AiMessage[] } | null): TurnPlan {
  const regenerate = Boolean(input.regenerate);
  const messages = conversation?.messages ?? [];
  const question = regenerate ? lastQuestionOrThrow(messages) : (input.message ?? '');
  const machineModel = input.machineModel !== undefined ? input.machineModel : (conversation?.session.machineModel ?? null);
  return {
    question,
    history: toHistory(messages, regenerate),
    machineModel,
    answers: conversation?.session.mode !== 'support',
    events: {
      ...(!regenerate && { message: analyticsEvent('message_sent', { userId: user.id }, { chars: question.length }) }),
      ...(!conversation && { session: analyticsEvent('session_started', { userId: user.id }, { machineModel }) }),
    },
  };
}

function lastQuestionOrThrow(messages: AiMessage[]): string {
  const lastUser = messages.findLast((m) => m.role === 'user');
  if (!lastUser) throw new AppError('validation_error', 'There is no question to answer again in this conversation.');
  return lastUser.content;
}

/** The conversation so far, as the model's context (without the question being answered again). */
function toHistory(messages: AiMessage[], regenerate: boolean): History {
  return messages
    .filter((m) => (m.role === 'user' || m.role === 'assistant') && m.content)
    .filter((m, i, all) => !(regenerate && i === all.length - 1 && m.role === 'user'))
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
}

/** The machine model and serial number the message sets on its conversation (only those it sends). */
function sessionChanges(input: SendInput): Partial<Pick<AiSession, 'machineModel' | 'serialNumber'>> {
  return {
    ...(input.machineModel !== undefined && { machineModel: input.machineModel }),
    ...(input.serialNumber !== undefined && { serialNumber: input.serialNumber }),
  };
}

/** The manual passages for the answer, looked up while the turn is stored (off the path to the first token). */
function lookUp({ question, history, machineModel }: TurnPlan): Promise<Sources> {
  const sources = findSources({ question, history, machineModel });
  sources.catch(() => {}); // a failed turn never reads it; generateAnswer reports a failed lookup
  return sources;
}

function prepared(
  { session, messages }: StoredTurn,
  plan: TurnPlan,
  created: boolean,
  sources: Promise<Sources> | undefined,
): PreparedTurn {
  const placeholder = messages.find((m) => m.role === 'assistant');
  return {
    ...plan,
    session,
    created,
    userMessage: messages.find((m) => m.role === 'user') ?? null,
    // Support handed the conversation back between the read and the write: the lookup starts now.
    answer: placeholder ? { message: placeholder, sources: sources ?? lookUp(plan) } : null,
  };
}

/**
 * Stores the technician's message and a placeholder answer before anything else happens, with the
 * turn's analytics. A new or continuing conversation takes one statement (a continuing one reads
 * its history first); regenerating, or an answer still marked as being written, take the
 * transaction below.
 */
async function prepareTurn(user: AuthUser, input: SendInput, limits: Promise<unknown>): Promise<PreparedTurn> {
  if (input.regenerate || !input.sessionId) await limits;
  if (!input.sessionId) {
    if (input.regenerate) throw new AppError('validation_error', 'Regenerate needs the sessionId of the conversation.');
    const plan = planTurn(user, input, null);
    // Everything the lookup needs is in the request: it runs while the turn is stored.
    const sources = lookUp(plan);
    const turn = await startConversation({
      userId: user.id,
      title: autoTitle(plan.question),
      machineModel: plan.machineModel,
      serialNumber: input.serialNumber ?? null,
      content: plan.question,
      events: plan.events,
    });
    return prepared(turn, plan, true, sources);
  }
  const sessionId = input.sessionId;
  if (input.regenerate) return prepareInTransaction(user, input, sessionId);

  const [session, messages] = await Promise.all([
    getSessionForUserOrThrow({ id: sessionId, userId: user.id }),
    listMessages({ sessionId }),
    limits,
  ]);
  if (messages.some((m) => m.status === 'streaming')) return prepareInTransaction(user, input, sessionId);
  const plan = planTurn(user, input, { session, messages });
  const sources = plan.answers ? lookUp(plan) : undefined;
  let turn;
  try {
    turn = await continueConversation({
      sessionId,
      userId: user.id,
      changes: sessionChanges(input),
      content: plan.question,
      events: plan.events,
    });
  } catch (error) {
    // Another answer started since the read: the transaction decides (409, or a stale one closed).
    if (violatedUniqueIndex(error) === ONE_STREAMING_ANSWER) return prepareInTransaction(user, input, sessionId);
    throw error;
  }
  if (!turn) throw notFound('Conversation'); // deleted since the read
  return prepared(turn, plan, false, sources);
}

/**
 * The careful path, in one transaction with the conversation locked: regenerating (the last answer
 * is replaced) and conversations with an answer marked as being written (stale ones are closed,
 * a live one is a 409).
 */
async function prepareInTransaction(user: AuthUser, input: SendInput, sessionId: string): Promise<PreparedTurn> {
  return db().transaction(async (tx) => {
    const session = await getSessionForUserOrThrow({ id: sessionId, userId: user.id, lock: true }, tx);
    const messages = await listMessages({ sessionId }, tx);
    if (messages.some((m) => m.status === 'streaming')) {
      const stale = await interruptStaleStreams({ sessionId, olderThan: new Date(Date.now() - CHAT_POLICY.staleSeconds * 1000) }, tx);
      if (!stale.length) throw conflict('An answer is still being written in this conversation. Wait for it or stop it first.');
    }
    const last = messages.at(-1);
    const replaced = input.regenerate && last?.role === 'assistant' ? last : null;
    const plan = planTurn(user, input, { session, messages: replaced ? messages.slice(0, -1) : messages });
    // The lookup runs on another connection while this transaction writes and commits; the model
    // is called only after the commit.
    const sources = plan.answers ? lookUp(plan) : undefined;
    const turn = await appendTurn(
      {
        sessionId,
        replacing: replaced?.id ?? null,
        content: input.regenerate ? null : plan.question,
        changes: sessionChanges(input),
        events: plan.events,
      },
      tx,
    );
    return prepared(turn, plan, false, sources);
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
  const { session, created, userMessage, answer } = turn;
  if (userMessage) void publish(session.id, { type: 'message', message: toMessageView(userMessage) }).catch(() => {});

  const prelude = [
    sseFrame({
      type: 'session',
      sessionId: session.id,
      userMessageId: userMessage?.id ?? null,
      assistantMessageId: answer?.message.id ?? null,
      title: session.title,
      created,
      session: toSessionView(session, null),
    }),
  ];
  // A safety emergency or a request for a person escalates here, before the answer.
  const signalled = await emitMessageStored({ user, session, message: userMessage, meta });
  prelude.push(...signalled.map((e) => sseFrame(e)));

  if (!answer) {
    // Support is handling the conversation: the message is delivered to them, no answer follows.
    prelude.push(
      sseFrame({
        type: 'done',
        messageId: userMessage?.id ?? '',
        status: 'complete',
        mode: null,
        model: null,
        fallbackUsed: false,
        usage: { promptTokens: 0, completionTokens: 0 },
      }),
    );
    return new Response(new Blob(prelude as BlobPart[]).stream(), { headers: SSE_HEADERS });
  }

  const assistant = answer.message;
  const response = await openLiveResponse({ sessionId: session.id, untilDoneOf: assistant.id, prelude, signal });
  // This instance knows of the answer at once; the store (other instances, reloads) a moment later.
  void Promise.all([
    markGenerating(session.id, assistant.id, CHAT_POLICY.staleSeconds * 3),
    publish(session.id, { type: 'generation', messageId: assistant.id }),
  ]).catch((error) => log().warn({ err: errorSummary(error), sessionId: session.id }, 'answer not announced to other instances'));
  launch(assistant.id, (abort, reason) =>
    generateAnswer(
      {
        session,
        userId: user.id,
        assistantMessageId: assistant.id,
        question: turn.question,
        history: turn.history,
        sources: answer.sources,
        onComplete: (completed) => emitAnswerDone({ user, session, answer: completed, created, question: turn.question, meta }),
        afterDone: created ? () => refineTitle(session, turn.question) : undefined,
      },
      abort,
      reason,
    ),
  );
  return response;
}
