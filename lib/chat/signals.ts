// What happens in a chat turn that other parts of the app act on (escalation), without the chat
// knowing who listens. Listeners are awaited in the order they were registered; one that fails is
// logged and skipped, never failing the turn.
import 'server-only';
import type { AiMessage, AiSession } from '@/db/schema';
import type { RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { errorSummary, log } from '@/lib/log';
import { singleton } from '@/lib/singleton';
import type { LiveEvent } from '@/lib/live/events';
import type { CompletedAnswer } from './generate';

/** The technician's message is stored; the answer has not started. */
export interface MessageStored {
  user: AuthUser;
  session: AiSession;
  /** Null when an answer is generated again (no new message). */
  message: AiMessage | null;
  meta: RequestMeta;
}

/** An answer is complete and stored; its `done` event follows once the listeners are through. */
export interface AnswerDone {
  user: AuthUser;
  session: AiSession;
  answer: CompletedAnswer;
  question: string;
  /** The answer's conversation was started by this turn. */
  created: boolean;
  meta: RequestMeta;
}

/** Feedback on an answer is stored. */
export interface FeedbackGiven {
  user: AuthUser;
  session: AiSession;
  messageId: string;
  helpful: boolean;
}

/** Each signal's payload, and what its listeners hand back (events for the technician's view). */
interface Signals {
  messageStored: { payload: MessageStored; returns: LiveEvent[] };
  answerDone: { payload: AnswerDone; returns: void };
  feedbackGiven: { payload: FeedbackGiven; returns: LiveEvent[] };
}

type Signal = keyof Signals;
type Listener<S extends Signal> = (payload: Signals[S]['payload']) => Promise<Signals[S]['returns']>;
type Registry = { [S in Signal]: Map<string, Listener<S>> };

// Kept once per process: the server's start-up and the route handlers may load this module separately
// (bundles). A listener registered again under its name replaces the earlier one.
function listeners<S extends Signal>(signal: S): Registry[S] {
  return singleton<Registry>('fixlineSignals', () => ({ messageStored: new Map(), answerDone: new Map(), feedbackGiven: new Map() }))[
    signal
  ];
}

async function emit<S extends Signal>(signal: S, payload: Signals[S]['payload']): Promise<Signals[S]['returns'][]> {
  const results: Signals[S]['returns'][] = [];
  for (const [name, listener] of listeners(signal)) {
    try {
      results.push(await listener(payload));
    } catch (error) {
      // The turn goes on; the failure is loud in the logs.
      log().error({ err: errorSummary(error), signal, listener: name, sessionId: payload.session.id }, 'chat signal listener failed');
    }
  }
  return results;
}

export function onMessageStored(name: string, listener: Listener<'messageStored'>): void {
  listeners('messageStored').set(name, listener);
}

export function onAnswerDone(name: string, listener: Listener<'answerDone'>): void {
  listeners('answerDone').set(name, listener);
}

export function onFeedbackGiven(name: string, listener: Listener<'feedbackGiven'>): void {
  listeners('feedbackGiven').set(name, listener);
}

/** Returns the listeners' events for the answer stream, in order. */
export async function emitMessageStored(payload: MessageStored): Promise<LiveEvent[]> {
  return (await emit('messageStored', payload)).flat();
}

export async function emitAnswerDone(payload: AnswerDone): Promise<void> {
  await emit('answerDone', payload);
}

/** Returns the listeners' events (the caller publishes them and returns them in its response). */
export async function emitFeedbackGiven(payload: FeedbackGiven): Promise<LiveEvent[]> {
  return (await emit('feedbackGiven', payload)).flat();
}
