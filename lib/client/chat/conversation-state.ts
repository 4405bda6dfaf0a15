// The state of one open conversation and every change to it, as a pure reducer: events from the
// POST stream and the live stream, optimistic sends, and reloads all go through here.
import type { MessageView, SessionView } from '@/lib/conversations/views';
import type { StreamEvent, TurnStartedEvent } from '@/lib/live/events';
import type { SessionDetail } from './api';
import { mergeSnapshot, mergeToken } from './merge-text';

/** The offer to hand the conversation to support, from an `escalation` event of kind `offer`. */
export interface EscalationOffer {
  reason: string;
  message: string;
}

export interface ChatMessage extends MessageView {
  /** Not confirmed by the server yet: being sent, waiting for the network, or not sent. */
  local?: 'sending' | 'queued' | 'failed';
  /** Why an answer failed, when the stream said so. */
  error?: string;
}

export interface ConversationState {
  session: SessionView | null;
  messages: ChatMessage[];
  /** The answer being written: a server id, or the local placeholder until the server names it. */
  generatingId: string | null;
  offer: (EscalationOffer & { afterMessageId: string | null }) | null;
  /** The technician dismissed the offer in this tab: a reload read before the dismissal was stored does not bring it back. */
  offerDismissed?: boolean;
}

export type ConversationAction =
  | { type: 'loaded'; detail: SessionDetail }
  | { type: 'send'; localId: string; content: string; now: string; expectAnswer: boolean }
  | { type: 'regenerate'; localId: string; now: string }
  | { type: 'send-failed'; localId: string; queued: boolean }
  | { type: 'send-rejected'; localId: string }
  | { type: 'resend'; localId: string }
  | { type: 'event'; event: StreamEvent; localId?: string }
  | { type: 'session'; session: SessionView }
  | { type: 'message'; message: MessageView }
  | { type: 'feedback'; messageId: string; helpful: boolean | null; comment: string | null }
  | { type: 'dismiss-offer' };

export const initialConversation: ConversationState = { session: null, messages: [], generatingId: null, offer: null };

export const placeholderId = (localId: string) => `${localId}:answer`;
const isLocalId = (id: string) => id.startsWith('local-');

function blankAnswer(id: string, now: string): ChatMessage {
  return {
    id,
    role: 'assistant',
    content: '',
    status: 'streaming',
    mode: null,
    authorName: null,
    citations: [],
    model: null,
    fallbackUsed: false,
    helpful: null,
    feedbackComment: null,
    createdAt: now,
    completedAt: null,
  };
}

function update(messages: ChatMessage[], id: string, change: (m: ChatMessage) => ChatMessage): ChatMessage[] {
  return messages.map((m) => (m.id === id ? change(m) : m));
}

/** The message an answer event is about: known, the local placeholder (now named), or a new one. */
function ensureAnswer(state: ConversationState, messageId: string): ConversationState {
  if (state.messages.some((m) => m.id === messageId)) return state;
  const placeholder = state.messages.find((m) => m.role === 'assistant' && isLocalId(m.id));
  if (placeholder) {
    return {
      ...state,
      messages: update(state.messages, placeholder.id, (m) => ({ ...m, id: messageId })),
      generatingId: state.generatingId === placeholder.id || !state.generatingId ? messageId : state.generatingId,
    };
  }
  return { ...state, messages: [...state.messages, blankAnswer(messageId, new Date().toISOString())], generatingId: messageId };
}

function withSession(current: SessionView | null, incoming: SessionView): SessionView {
  // Some updates (e.g. a new title) are sent without the escalation: keep the one we know.
  return { ...incoming, escalation: incoming.escalation ?? current?.escalation ?? null };
}

/** The `session` event that opens a turn names the optimistic messages (`localId`) with their stored ids. */
function applyTurnStarted(state: ConversationState, event: TurnStartedEvent, localId?: string): ConversationState {
  const session: SessionView = event.session
    ? withSession(state.session, event.session)
    : {
        ...(state.session ?? {
          machineModel: null,
          serialNumber: null,
          mode: 'assistant',
          escalation: null,
          createdAt: new Date().toISOString(),
        }),
        id: event.sessionId,
        title: event.title || state.session?.title || 'New conversation',
        lastMessageAt: new Date().toISOString(),
      };
  let messages = state.messages;
  let generatingId = state.generatingId;
  if (localId) {
    if (event.userMessageId) {
      const adopted = messages.some((m) => m.id === event.userMessageId);
      messages = adopted
        ? messages.filter((m) => m.id !== localId)
        : update(messages, localId, (m) => ({ ...m, id: event.userMessageId!, local: undefined }));
    }
    const pid = placeholderId(localId);
    if (event.assistantMessageId) {
      const known = messages.some((m) => m.id === event.assistantMessageId);
      messages = known ? messages.filter((m) => m.id !== pid) : update(messages, pid, (m) => ({ ...m, id: event.assistantMessageId! }));
      generatingId = event.assistantMessageId;
    } else {
      messages = messages.filter((m) => m.id !== pid);
      if (generatingId === pid) generatingId = null;
    }
  }
  return { ...state, session, messages, generatingId };
}

function applyEvent(state: ConversationState, event: StreamEvent, localId?: string): ConversationState {
  switch (event.type) {
    case 'session':
      // The one that opens a turn names its messages; the others are changes to the session.
      return 'sessionId' in event
        ? applyTurnStarted(state, event, localId)
        : { ...state, session: withSession(state.session, event.session) };
    case 'generation':
      return { ...ensureAnswer(state, event.messageId), generatingId: event.messageId };
    case 'snapshot': {
      const s = ensureAnswer(state, event.messageId);
      return { ...s, messages: update(s.messages, event.messageId, (m) => ({ ...m, content: mergeSnapshot(m.content, event.text) })) };
    }
    case 'token': {
      const s = ensureAnswer(state, event.messageId);
      return {
        ...s,
        messages: update(s.messages, event.messageId, (m) => ({ ...m, content: mergeToken(m.content, event.text, event.offset) })),
      };
    }
    case 'reset': {
      // The server switched to the fallback model: the answer starts again from offset 0.
      const s = ensureAnswer(state, event.messageId);
      return { ...s, messages: update(s.messages, event.messageId, (m) => ({ ...m, content: '', citations: [] })) };
    }
    case 'citations': {
      const s = ensureAnswer(state, event.messageId);
      return {
        ...s,
        messages: update(s.messages, event.messageId, (m) => ({
          ...m,
          citations: event.citations,
          ...(event.text !== undefined ? { content: event.text } : {}),
        })),
      };
    }
    case 'done': {
      const target = state.messages.find((m) => m.id === event.messageId);
      const placeholder = state.messages.find((m) => m.role === 'assistant' && isLocalId(m.id));
      if (!target && !placeholder) return state.generatingId === event.messageId ? { ...state, generatingId: null } : state;
      const s = target ? state : ensureAnswer(state, event.messageId);
      const finished = s.messages.find((m) => m.id === event.messageId)!;
      const messages =
        finished.role === 'assistant'
          ? update(s.messages, event.messageId, (m) => ({ ...m, status: event.status, mode: event.mode ?? m.mode }))
          : s.messages;
      const generatingId = s.generatingId === event.messageId || (s.generatingId && isLocalId(s.generatingId)) ? null : s.generatingId;
      return { ...s, messages, generatingId };
    }
    case 'error': {
      const id = event.messageId ?? state.generatingId;
      if (!id) return state;
      return {
        ...state,
        messages: update(state.messages, id, (m) =>
          m.role === 'assistant' && m.status === 'streaming' ? { ...m, status: 'failed', error: event.message } : m,
        ),
        generatingId: state.generatingId === id ? null : state.generatingId,
      };
    }
    case 'escalation': {
      if (event.kind === 'offer') {
        const last = [...state.messages].reverse().find((m) => m.role === 'assistant');
        return {
          ...state,
          offer: { reason: event.reason ?? 'no_answer', message: event.message ?? '', afterMessageId: last?.id ?? null },
          offerDismissed: false,
        };
      }
      if (!state.session || !event.escalation) return event.kind === 'created' ? { ...state, offer: null } : state;
      const escalation = { ...(state.session.escalation ?? {}), ...event.escalation };
      return { ...state, session: { ...state.session, escalation }, offer: event.kind === 'created' ? null : state.offer };
    }
    case 'message':
      return upsertMessage(state, event.message);
  }
}

function upsertMessage(state: ConversationState, message: MessageView): ConversationState {
  if (state.messages.some((m) => m.id === message.id)) {
    return {
      ...state,
      messages: update(state.messages, message.id, (m) =>
        m.status === 'streaming' && message.status === 'streaming' && m.content.length > message.content.length
          ? { ...message, content: m.content }
          : { ...message },
      ),
    };
  }
  // Our own message, announced by the live stream before the POST stream named it.
  const mine = message.role === 'user' ? state.messages.find((m) => m.local === 'sending' && m.content === message.content) : undefined;
  if (mine) return { ...state, messages: update(state.messages, mine.id, () => ({ ...message })) };
  const placeholder = state.messages.findIndex((m) => m.role === 'assistant' && isLocalId(m.id));
  if (message.role !== 'assistant' && placeholder !== -1) {
    // Keep the answer being written below the message it answers.
    const messages = [...state.messages];
    messages.splice(placeholder, 0, message);
    return { ...state, messages };
  }
  return { ...state, messages: [...state.messages, message] };
}

/** A reload replaces the list, but keeps what this tab knows better: live text and unsent messages. */
function applyDetail(state: ConversationState, detail: SessionDetail): ConversationState {
  const known = new Map(state.messages.map((m) => [m.id, m]));
  const fresh = new Set(detail.messages.filter((m) => !known.has(m.id)).map((m) => m.id));
  const messages: ChatMessage[] = detail.messages.map((m) => {
    const mine = known.get(m.id);
    if (!mine || m.status !== 'streaming') return m;
    const content = mine.content.length > m.content.length ? mine.content : m.content;
    const citations = mine.citations.length ? mine.citations : m.citations;
    return mine.status !== 'streaming' ? { ...m, content, citations, status: mine.status, mode: mine.mode } : { ...m, content, citations };
  });
  // The server may still name an answer as generating just after its `done`: trust the status.
  let generatingId = detail.generating?.messageId ?? null;
  if (generatingId && messages.find((m) => m.id === generatingId)?.status !== 'streaming') generatingId = null;
  for (const m of state.messages) {
    if (!m.local && !(m.role === 'assistant' && isLocalId(m.id))) continue;
    if (m.role === 'user') {
      const stored = detail.messages.some((d) => fresh.has(d.id) && d.role === 'user' && d.content === m.content);
      if (!stored || m.local !== 'sending') messages.push(m);
    } else if (!detail.messages.some((d) => fresh.has(d.id) && d.role === 'assistant' && d.status === 'streaming')) {
      messages.push(m);
      generatingId ??= m.id;
    }
  }
  return { ...state, session: withSession(state.session, detail.session), messages, generatingId };
}

/**
 * The offer stored on the conversation survives a reload, under the answer it came with; like the
 * live one, it is no longer shown once the technician has written again. One this tab already
 * shows stays where it is.
 */
function withStoredOffer(state: ConversationState, detail: SessionDetail): ConversationState {
  const stored = detail.session.escalationOffer;
  if (!stored || state.offer || state.offerDismissed) return state;
  const offeredAt = stored.offeredAt ? Date.parse(stored.offeredAt) : 0;
  if (state.messages.some((m) => m.role === 'user' && Date.parse(m.createdAt) > offeredAt)) return state;
  const last = [...state.messages].reverse().find((m) => m.role === 'assistant');
  return { ...state, offer: { reason: stored.reason, message: stored.message, afterMessageId: last?.id ?? null } };
}

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'loaded':
      return withStoredOffer(applyDetail(state, action.detail), action.detail);
    case 'send': {
      const user: ChatMessage = {
        ...blankAnswer(action.localId, action.now),
        role: 'user',
        content: action.content,
        status: 'complete',
        local: 'sending',
      };
      const messages = action.expectAnswer
        ? [...state.messages, user, blankAnswer(placeholderId(action.localId), action.now)]
        : [...state.messages, user];
      return { ...state, messages, generatingId: action.expectAnswer ? placeholderId(action.localId) : state.generatingId, offer: null };
    }
    case 'resend': {
      const messages = state.messages.map((m) => (m.id === action.localId ? { ...m, local: 'sending' as const } : m));
      const expectAnswer = state.session?.mode !== 'support';
      return {
        ...state,
        messages: expectAnswer ? [...messages, blankAnswer(placeholderId(action.localId), new Date().toISOString())] : messages,
        generatingId: expectAnswer ? placeholderId(action.localId) : state.generatingId,
      };
    }
    case 'regenerate': {
      const last = state.messages[state.messages.length - 1];
      const kept = last?.role === 'assistant' ? state.messages.slice(0, -1) : state.messages;
      return {
        ...state,
        messages: [...kept, blankAnswer(placeholderId(action.localId), action.now)],
        generatingId: placeholderId(action.localId),
        offer: null,
      };
    }
    case 'send-failed': {
      const pid = placeholderId(action.localId);
      return {
        ...state,
        messages: state.messages
          .filter((m) => m.id !== pid)
          .map((m) => (m.id === action.localId ? { ...m, local: action.queued ? 'queued' : 'failed' } : m)),
        generatingId: state.generatingId === pid ? null : state.generatingId,
      };
    }
    case 'send-rejected': {
      const pid = placeholderId(action.localId);
      return {
        ...state,
        messages: state.messages.filter((m) => m.id !== pid && m.id !== action.localId),
        generatingId: state.generatingId === pid ? null : state.generatingId,
      };
    }
    case 'event':
      return applyEvent(state, action.event, action.localId);
    case 'session':
      return { ...state, session: withSession(state.session, action.session) };
    case 'message':
      return upsertMessage(state, action.message);
    case 'feedback':
      return {
        ...state,
        messages: update(state.messages, action.messageId, (m) => ({ ...m, helpful: action.helpful, feedbackComment: action.comment })),
      };
    case 'dismiss-offer':
      return { ...state, offer: null, offerDismissed: true };
  }
}

/** The last assistant answer: the only one that can be regenerated. */
export function lastAnswerId(messages: ChatMessage[]): string | null {
  const last = messages[messages.length - 1];
  return last && last.role === 'assistant' ? last.id : null;
}
