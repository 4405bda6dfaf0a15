'use client';

import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { ArrowLeftIcon, HeadsetIcon } from '@/components/ui/icons';
import { lastAnswerId, type ChatMessage, type ConversationState } from '@/lib/client/chat/conversation-state';
import { AssistantMessage, type AnswerActions } from './assistant-message';
import { Markdown } from './markdown';

/** The messages of a conversation; follows the end while an answer streams unless scrolled up. */
export function MessageList({
  state,
  busy,
  actions,
  onResend,
  offerCard,
  header,
}: {
  state: ConversationState;
  busy: boolean;
  actions: AnswerActions;
  onResend: (localId: string) => void;
  offerCard: ReactNode;
  header?: ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [away, setAway] = useState(false);
  const lastId = lastAnswerId(state.messages);
  const count = state.messages.length;

  const toBottom = useCallback((smooth = false) => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
  }, []);

  // A new message (ours or theirs) brings the view back down.
  useLayoutEffect(() => {
    stick.current = true;
    toBottom();
  }, [count, toBottom]);

  // Streaming text, citations and late layout changes: stay at the end if we were there.
  useEffect(() => {
    const el = scroller.current?.firstElementChild;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      if (stick.current) toBottom();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [toBottom]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    stick.current = distance < 48;
    setAway(distance > 240);
  };

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroller} onScroll={onScroll} className="h-full overflow-y-auto overscroll-contain" data-testid="message-scroller">
        <div className="mx-auto w-full max-w-3xl px-3 py-5 sm:px-6 sm:py-6">
          {header}
          <ol className="space-y-5" aria-label="Messages" data-testid="messages">
            {state.messages.map((m) => (
              <li key={m.id}>
                <MessageItem
                  message={m}
                  live={m.id === state.generatingId}
                  isLast={m.id === lastId}
                  busy={busy}
                  actions={actions}
                  onResend={onResend}
                />
                {state.offer && state.offer.afterMessageId === m.id ? <div className="mt-3 sm:pl-11">{offerCard}</div> : null}
              </li>
            ))}
          </ol>
          {state.offer && !state.messages.some((m) => m.id === state.offer?.afterMessageId) ? (
            <div className="mt-4">{offerCard}</div>
          ) : null}
        </div>
      </div>
      {away ? (
        <button
          type="button"
          onClick={() => {
            stick.current = true;
            toBottom(true);
          }}
          className="absolute bottom-3 left-1/2 inline-flex -translate-x-1/2 items-center gap-1 rounded-full bg-white px-3 py-1.5 text-xs font-medium text-slate-700 shadow-md ring-1 ring-slate-200 hover:bg-slate-50"
        >
          <ArrowLeftIcon className="h-3.5 w-3.5 -rotate-90" />
          Latest
        </button>
      ) : null}
    </div>
  );
}

const MessageItem = memo(function MessageItem({
  message: m,
  live,
  isLast,
  busy,
  actions,
  onResend,
}: {
  message: ChatMessage;
  live: boolean;
  isLast: boolean;
  busy: boolean;
  actions: AnswerActions;
  onResend: (localId: string) => void;
}) {
  if (m.role === 'assistant') return <AssistantMessage message={m} live={live} isLast={isLast} busy={busy} actions={actions} />;
  if (m.role === 'system') {
    return (
      <p
        className="mx-auto w-fit max-w-full rounded-full bg-slate-100 px-3 py-1 text-center text-xs text-slate-600"
        data-testid="system-message"
      >
        {m.content}
      </p>
    );
  }
  if (m.role === 'support') {
    return (
      <div className="flex items-start gap-3" data-testid="support-message">
        <div
          aria-hidden
          className="mt-0.5 hidden h-8 w-8 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-white sm:flex"
        >
          <HeadsetIcon className="h-4 w-4" />
        </div>
        <div className="min-w-0 flex-1">
          <p className="mb-1 text-xs font-semibold text-emerald-700">Support · {m.authorName || 'Support team'}</p>
          <div className="rounded-2xl rounded-tl-md border border-emerald-200 bg-emerald-50 px-4 py-3">
            <Markdown text={m.content} />
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-col items-end" data-testid="user-message">
      <div className="max-w-[85%] rounded-2xl rounded-br-md bg-brand-600 px-4 py-2.5 text-[15px] leading-6 whitespace-pre-wrap text-white shadow-sm sm:max-w-[75%] [overflow-wrap:anywhere]">
        {m.content}
      </div>
      {m.local === 'queued' ? (
        <p className="mt-1 text-xs text-amber-700">Waiting for a connection — it will be sent when you reconnect</p>
      ) : null}
      {m.local === 'failed' ? (
        <p className="mt-1 text-xs text-red-700">
          Not sent.{' '}
          <button type="button" onClick={() => onResend(m.id)} className="font-semibold underline underline-offset-2">
            Try again
          </button>
        </p>
      ) : null}
    </div>
  );
});
