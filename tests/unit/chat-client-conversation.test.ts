import { describe, expect, it } from 'vitest';
import {
  conversationReducer,
  initialConversation,
  lastAnswerId,
  placeholderId,
  type ConversationState,
} from '@/lib/client/chat/conversation-state';
import type { MessageView, SessionView } from '@/lib/conversations/views';
import type { AnswerStatus, StreamEvent } from '@/lib/live/events';

const NOW = '2025-01-01T10:00:00.000Z';
const session: SessionView = {
  id: 's1',
  title: 'E07',
  machineModel: 'KX-200',
  serialNumber: null,
  mode: 'assistant',
  lastMessageAt: NOW,
  createdAt: NOW,
  escalation: null,
};

function msg(id: string, role: MessageView['role'], content: string, extra: Partial<MessageView> = {}): MessageView {
  return {
    id,
    role,
    content,
    status: 'complete',
    mode: null,
    authorName: null,
    citations: [],
    model: null,
    fallbackUsed: false,
    helpful: null,
    feedbackComment: null,
    createdAt: NOW,
    completedAt: null,
    ...extra,
  };
}

function done(messageId: string, status: AnswerStatus, mode: 'ai' | null): StreamEvent {
  return { type: 'done', messageId, status, mode, model: null, fallbackUsed: false, usage: { promptTokens: 0, completionTokens: 0 } };
}

function run(state: ConversationState, ...events: (StreamEvent | [StreamEvent, string])[]) {
  return events.reduce(
    (s, e) =>
      Array.isArray(e)
        ? conversationReducer(s, { type: 'event', event: e[0], localId: e[1] })
        : conversationReducer(s, { type: 'event', event: e }),
    state,
  );
}

const sent = (content = 'E07 again') =>
  conversationReducer(initialConversation, { type: 'send', localId: 'local-1', content, now: NOW, expectAnswer: true });

describe('conversation state', () => {
  it('names the optimistic messages when the stream starts, then streams the answer', () => {
    let s = sent();
    expect(s.generatingId).toBe(placeholderId('local-1'));
    s = run(s, [
      { type: 'session', sessionId: 's1', userMessageId: 'u1', assistantMessageId: 'a1', title: 'E07 again', created: true },
      'local-1',
    ]);
    expect(s.session?.id).toBe('s1');
    expect(s.messages.map((m) => [m.id, m.role, m.local])).toEqual([
      ['u1', 'user', undefined],
      ['a1', 'assistant', undefined],
    ]);
    s = run(
      s,
      { type: 'token', messageId: 'a1', text: 'Check ', offset: 0 },
      { type: 'token', messageId: 'a1', text: 'Check ', offset: 0 },
      { type: 'token', messageId: 'a1', text: 'the fan', offset: 6 },
      done('a1', 'complete', 'ai'),
    );
    expect(s.messages[1]).toMatchObject({ content: 'Check the fan', status: 'complete', mode: 'ai' });
    expect(s.generatingId).toBeNull();
  });

  it('adopts the placeholder when the live stream is faster than the POST stream', () => {
    let s = conversationReducer(
      { ...initialConversation, session },
      { type: 'send', localId: 'local-1', content: 'hi', now: NOW, expectAnswer: true },
    );
    s = run(
      s,
      { type: 'message', message: msg('u1', 'user', 'hi') },
      { type: 'generation', messageId: 'a1' },
      { type: 'token', messageId: 'a1', text: 'Hello', offset: 0 },
      [{ type: 'session', sessionId: 's1', userMessageId: 'u1', assistantMessageId: 'a1', title: 'hi', created: false }, 'local-1'],
      { type: 'token', messageId: 'a1', text: 'Hello', offset: 0 },
    );
    expect(s.messages.map((m) => [m.id, m.content])).toEqual([
      ['u1', 'hi'],
      ['a1', 'Hello'],
    ]);
    expect(s.generatingId).toBe('a1');
  });

  it('discards the text on reset and restarts from offset 0', () => {
    let s = run(
      { ...initialConversation, session, messages: [msg('a1', 'assistant', '', { status: 'streaming' })], generatingId: 'a1' },
      { type: 'token', messageId: 'a1', text: 'Primary', offset: 0 },
    );
    s = run(s, { type: 'reset', messageId: 'a1' }, { type: 'token', messageId: 'a1', text: 'Fallback', offset: 0 });
    expect(s.messages[0].content).toBe('Fallback');
  });

  it('continues a reloaded answer from the snapshot without repeating text', () => {
    let s = conversationReducer(initialConversation, {
      type: 'loaded',
      detail: {
        session,
        messages: [msg('u1', 'user', 'q'), msg('a1', 'assistant', 'Check the', { status: 'streaming' })],
        generating: { messageId: 'a1' },
      },
    });
    expect(s.generatingId).toBe('a1');
    s = run(
      s,
      { type: 'snapshot', messageId: 'a1', text: 'Check the fan' },
      { type: 'token', messageId: 'a1', text: ' fan', offset: 9 },
      { type: 'token', messageId: 'a1', text: ' now', offset: 13 },
    );
    expect(s.messages[1].content).toBe('Check the fan now');
  });

  it('keeps the live text when a reload returns an older checkpoint', () => {
    const streaming = {
      ...initialConversation,
      session,
      messages: [msg('a1', 'assistant', 'Check the fan', { status: 'streaming' as const })],
      generatingId: 'a1',
    };
    const s = conversationReducer(streaming, {
      type: 'loaded',
      detail: { session, messages: [msg('a1', 'assistant', 'Check', { status: 'streaming' })], generating: { messageId: 'a1' } },
    });
    expect(s.messages[0].content).toBe('Check the fan');
  });

  it('does not resume an answer that is done when a reload still names it as generating', () => {
    let s = run(
      { ...initialConversation, session, messages: [msg('a1', 'assistant', 'Check', { status: 'streaming' })], generatingId: 'a1' },
      done('a1', 'stopped', 'ai'),
    );
    s = conversationReducer(s, {
      type: 'loaded',
      detail: { session, messages: [msg('a1', 'assistant', 'Check', { status: 'stopped' })], generating: { messageId: 'a1' } },
    });
    expect(s.generatingId).toBeNull();
    s = conversationReducer(s, {
      type: 'loaded',
      detail: { session, messages: [msg('a1', 'assistant', 'Check', { status: 'streaming' })], generating: { messageId: 'a1' } },
    });
    expect(s.messages[0].status).toBe('stopped');
    expect(s.generatingId).toBeNull();
  });

  it('regenerates by replacing the last answer', () => {
    const base = { ...initialConversation, session, messages: [msg('u1', 'user', 'q'), msg('a1', 'assistant', 'old')] };
    expect(lastAnswerId(base.messages)).toBe('a1');
    let s = conversationReducer(base, { type: 'regenerate', localId: 'local-2', now: NOW });
    expect(s.messages.map((m) => m.id)).toEqual(['u1', placeholderId('local-2')]);
    s = run(s, [
      { type: 'session', sessionId: 's1', userMessageId: null, assistantMessageId: 'a2', title: 'E07', created: false },
      'local-2',
    ]);
    expect(s.messages.map((m) => m.id)).toEqual(['u1', 'a2']);
  });

  it('delivers to support without an answer placeholder', () => {
    let s = conversationReducer(
      { ...initialConversation, session: { ...session, mode: 'support' } },
      { type: 'send', localId: 'local-1', content: 'hi', now: NOW, expectAnswer: false },
    );
    expect(s.generatingId).toBeNull();
    s = run(
      s,
      [{ type: 'session', sessionId: 's1', userMessageId: 'u1', assistantMessageId: null, title: 'E07', created: false }, 'local-1'],
      done('u1', 'complete', null),
    );
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]).toMatchObject({ id: 'u1', role: 'user' });
  });

  it('marks a failed send as queued and removes the placeholder', () => {
    const s = conversationReducer(sent(), { type: 'send-failed', localId: 'local-1', queued: true });
    expect(s.messages.map((m) => [m.id, m.local])).toEqual([['local-1', 'queued']]);
    expect(s.generatingId).toBeNull();
    expect(conversationReducer(sent(), { type: 'send-rejected', localId: 'local-1' }).messages).toEqual([]);
  });

  it('records offers under the last answer and escalation status changes', () => {
    let s = run(
      { ...initialConversation, session, messages: [msg('u1', 'user', 'q'), msg('a1', 'assistant', 'a')] },
      { type: 'escalation', kind: 'offer', reason: 'no_answer', message: 'Escalate?' },
    );
    expect(s.offer).toEqual({ reason: 'no_answer', message: 'Escalate?', afterMessageId: 'a1' });
    s = run(s, { type: 'escalation', kind: 'created', escalation: { id: 'e1', reference: 12, status: 'open' } });
    expect(s.offer).toBeNull();
    s = run(s, { type: 'escalation', kind: 'status', escalation: { id: 'e1', reference: 12, status: 'acknowledged' } });
    expect(s.session?.escalation).toMatchObject({ reference: 12, status: 'acknowledged' });
    // A session update without the escalation keeps the one we know.
    s = run(s, { type: 'session', session: { ...session, title: 'Renamed', escalation: null } });
    expect(s.session).toMatchObject({ title: 'Renamed', escalation: { reference: 12 } });
  });

  it('marks the answer failed on a stream error', () => {
    const s = run(sent(), { type: 'error', code: 'model_error', message: 'The model failed.' });
    expect(s.messages[1]).toMatchObject({ status: 'failed', error: 'The model failed.' });
    expect(s.generatingId).toBeNull();
  });

  it('puts a support reply above the answer placeholder and updates feedback', () => {
    let s = run(sent(), { type: 'message', message: msg('r1', 'support', 'On my way', { authorName: 'Sam' }) });
    expect(s.messages.map((m) => m.role)).toEqual(['user', 'support', 'assistant']);
    s = { ...initialConversation, messages: [msg('a1', 'assistant', 'x')] };
    s = conversationReducer(s, { type: 'feedback', messageId: 'a1', helpful: false, comment: 'wrong page' });
    expect(s.messages[0]).toMatchObject({ helpful: false, feedbackComment: 'wrong page' });
  });
});
