'use client';

import { lazy, memo, Suspense, useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { AlertIcon, BookIcon, RefreshIcon, WrenchIcon } from '@/components/ui/icons';
import type { ChatMessage } from '@/lib/client/chat/conversation-state';
import { closeOpenMarkdown, sourceElementId } from '@/lib/client/chat/format';
import { Markdown } from './markdown';

// Sources and feedback load with the first answer that has them, not with the page.
const Sources = lazy(() => import('./sources').then((m) => ({ default: m.Sources })));
const Feedback = lazy(() => import('./feedback').then((m) => ({ default: m.Feedback })));

export interface AnswerActions {
  onRate: (messageId: string, helpful: boolean, comment?: string) => Promise<boolean>;
  onRegenerate: () => void;
}

/** One answer: Markdown with citation markers, sources, status, feedback and regenerate. */
export const AssistantMessage = memo(function AssistantMessage({
  message: m,
  live,
  isLast,
  busy,
  actions,
}: {
  message: ChatMessage;
  live: boolean;
  isLast: boolean;
  busy: boolean;
  actions: AnswerActions;
}) {
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = useCallback((n: number) => {
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(n)) next.add(n);
      return next;
    });
  }, []);
  const cite = useCallback(
    (n: number) => {
      setOpen((s) => new Set(s).add(n));
      requestAnimationFrame(() =>
        document.getElementById(sourceElementId(m.id, n))?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
      );
    },
    [m.id],
  );

  // An answer still marked "streaming" that nobody is writing any more was cut off.
  const status = m.status === 'streaming' && !live ? 'interrupted' : m.status;
  const streaming = status === 'streaming';
  const waiting = streaming && !m.content;
  const finished = !streaming;

  return (
    <div className="flex items-start gap-3" data-testid="assistant-message" data-status={status} data-message-id={m.id}>
      <div aria-hidden className="mt-0.5 hidden h-8 w-8 shrink-0 items-center justify-center rounded-full bg-slate-900 text-white sm:flex">
        <WrenchIcon className="h-4 w-4" />
      </div>
      <div className="min-w-0 flex-1">
        <div className="rounded-2xl rounded-tl-md border border-slate-200 bg-white px-4 py-3 shadow-sm">
          {m.mode === 'manuals_only' ? (
            <p
              className="mb-2 inline-flex items-center gap-1.5 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200"
              data-testid="manuals-only-badge"
            >
              <BookIcon className="h-3.5 w-3.5" />
              Manuals only — not AI-written
            </p>
          ) : null}
          {waiting ? (
            <TypingIndicator />
          ) : m.content ? (
            <Markdown
              text={streaming ? closeOpenMarkdown(m.content) : m.content}
              citations={m.citations.map((c) => c.n)}
              onCite={cite}
              streaming={streaming}
            />
          ) : status === 'complete' ? (
            <p className="text-sm text-slate-500 italic">No answer was written.</p>
          ) : null}
          <StatusNote status={status} error={m.error} canRetry={isLast && !busy} onRetry={actions.onRegenerate} />
          {m.citations.length ? (
            <Suspense fallback={null}>
              <Sources messageId={m.id} citations={m.citations} open={open} onToggle={toggle} />
            </Suspense>
          ) : null}
        </div>
        {finished && m.content ? (
          <div className="mt-1.5 pl-1">
            <Suspense fallback={null}>
              <Feedback
                helpful={m.helpful}
                comment={m.feedbackComment}
                onRate={(helpful, comment) => actions.onRate(m.id, helpful, comment)}
              >
                {isLast && status !== 'interrupted' && status !== 'failed' ? (
                  <Button variant="ghost" onClick={actions.onRegenerate} disabled={busy}>
                    <RefreshIcon className="h-3.5 w-3.5" />
                    Regenerate
                  </Button>
                ) : null}
              </Feedback>
            </Suspense>
          </div>
        ) : null}
      </div>
    </div>
  );
});

function StatusNote({
  status,
  error,
  canRetry,
  onRetry,
}: {
  status: ChatMessage['status'];
  error?: string;
  canRetry: boolean;
  onRetry: () => void;
}) {
  if (status === 'stopped') {
    return (
      <p className="mt-2 text-xs font-medium text-slate-500 first:mt-0" data-testid="answer-status">
        Stopped
      </p>
    );
  }
  if (status !== 'interrupted' && status !== 'failed') return null;
  const text = status === 'interrupted' ? 'Interrupted — the answer was cut off' : `Failed — ${error ?? 'the answer could not be written'}`;
  return (
    <div
      className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-amber-50 first:mt-0 px-2.5 py-1.5 text-xs text-amber-800"
      data-testid="answer-status"
    >
      <AlertIcon className="h-3.5 w-3.5 shrink-0" />
      <span className="flex-1">{text}</span>
      {canRetry ? (
        <button
          type="button"
          onClick={onRetry}
          className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-semibold text-amber-900 hover:bg-amber-100"
        >
          <RefreshIcon className="h-3.5 w-3.5" />
          Retry
        </button>
      ) : null}
    </div>
  );
}

function TypingIndicator() {
  return (
    <div className="flex items-center gap-2 py-1 text-sm text-slate-500" role="status" data-testid="typing-indicator">
      <span className="flex gap-1" aria-hidden>
        {[0, 150, 300].map((d) => (
          <span key={d} className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400" style={{ animationDelay: `${d}ms` }} />
        ))}
      </span>
      Searching the manuals…
    </div>
  );
}
