import { describe, expect, it } from 'vitest';
import type { SessionDetail } from '@/lib/client/chat/api';
import { conversationReducer, initialConversation } from '@/lib/client/chat/conversation-state';
import type { MessageView, SessionView } from '@/lib/conversations/views';

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString();

const session: SessionView = {
  id: 's1',
  title: 'Compressor',
  machineModel: null,
  serialNumber: null,
  mode: 'assistant',
  lastMessageAt: at(0),
  createdAt: at(0),
  escalation: null,
};

function msg(id: string, role: MessageView['role'], minute: number): MessageView {
  return {
    id,
    role,
    content: `${role} ${id}`,
    status: 'complete',
    mode: null,
    authorName: null,
    citations: [],
    model: null,
    fallbackUsed: false,
    helpful: null,
    feedbackComment: null,
    createdAt: at(minute),
    completedAt: null,
  };
}

const offer = { reason: 'no_answer', message: 'Would you like to escalate it?', offeredAt: at(2) };
const detail = (messages: MessageView[], escalationOffer?: typeof offer): SessionDetail => ({
  session: { ...session, ...(escalationOffer ? { escalationOffer } : {}) },
  messages,
  generating: null,
});

describe('the stored escalation offer', () => {
  it('is shown after a reload, under the last answer', () => {
    const state = conversationReducer(initialConversation, {
      type: 'loaded',
      detail: detail([msg('u1', 'user', 0), msg('a1', 'assistant', 1)], offer),
    });
    expect(state.offer).toEqual({ reason: 'no_answer', message: 'Would you like to escalate it?', afterMessageId: 'a1' });
  });

  it('is not shown once the technician wrote after it, nor when there is none', () => {
    const later = [msg('u1', 'user', 0), msg('a1', 'assistant', 1), msg('u2', 'user', 3), msg('a2', 'assistant', 4)];
    expect(conversationReducer(initialConversation, { type: 'loaded', detail: detail(later, offer) }).offer).toBeNull();
    expect(conversationReducer(initialConversation, { type: 'loaded', detail: detail(later.slice(0, 2)) }).offer).toBeNull();
  });

  it('leaves an offer this tab already shows where it is, and stays dismissed in this tab', () => {
    const messages = [msg('u1', 'user', 0), msg('a1', 'assistant', 1)];
    const shown = conversationReducer(initialConversation, {
      type: 'event',
      event: { type: 'escalation', kind: 'offer', reason: 'not_helpful', message: 'Live offer' },
    });
    const reloaded = conversationReducer(shown, { type: 'loaded', detail: detail(messages, offer) });
    expect(reloaded.offer).toMatchObject({ reason: 'not_helpful', message: 'Live offer' });
    const dismissed = conversationReducer(reloaded, { type: 'dismiss-offer' });
    expect(dismissed.offer).toBeNull();
    // A reload read before the dismissal was stored still carries the offer: it stays dismissed here.
    expect(conversationReducer(dismissed, { type: 'loaded', detail: detail(messages, offer) }).offer).toBeNull();
  });
});
