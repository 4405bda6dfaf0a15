'use client';

import { lazy, Suspense, useImperativeHandle, useLayoutEffect, useRef, type ReactNode, type Ref } from 'react';
import { useConsentGate } from '@/components/privacy/consent-provider';
import { ArrowUpIcon, StopIcon } from '@/components/ui/icons';
import { formatCount } from '@/lib/client/chat/format';
import { useHydrated } from '@/lib/client/use-hydrated';

// Shown once per account, until consent is given: not worth loading with every chat page. Loaded
// after hydration only: rendered on the server it would suspend there, and React can show the
// streamed copy beside the one it renders itself while the page hydrates.
const ConsentCard = lazy(() => import('@/components/privacy/consent-card').then((m) => ({ default: m.ConsentCard })));

export const MESSAGE_LIMIT = 8000;
const COUNTER_FROM = MESSAGE_LIMIT - 1000;

export interface ComposerHandle {
  focus: () => void;
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  /** An answer is being written: the Send button becomes Stop. */
  generating: boolean;
  stopping: boolean;
  /** Why sending is not possible right now (offline, rate limited); null when it is. */
  blocked: string | null;
  placeholder: string;
  /** The machine control, shown above the text box. */
  toolbar?: ReactNode;
  /** The line under the box (large screens). */
  hint?: string;
  ref?: Ref<ComposerHandle>;
}

/** The message box: grows with the text, Enter sends, Shift+Enter starts a new line. */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  generating,
  stopping,
  blocked,
  placeholder,
  toolbar,
  hint = 'Enter to send · Shift+Enter for a new line · Answers come from the manuals; check the cited page before you act.',
  ref,
}: Props) {
  const area = useRef<HTMLTextAreaElement>(null);
  // Without consent to AI processing the box stays closed under the consent card.
  const { granted } = useConsentGate();
  const hydrated = useHydrated();
  useImperativeHandle(ref, () => ({ focus: () => area.current?.focus() }), []);

  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 208)}px`;
  }, [value, placeholder]);

  const length = value.length;
  const over = length > MESSAGE_LIMIT;
  const canSend = granted && !generating && !blocked && !over && value.trim().length > 0;

  return (
    <form
      className="mx-auto w-full max-w-3xl"
      onSubmit={(e) => {
        e.preventDefault();
        if (canSend) onSend();
      }}
    >
      {granted || !hydrated ? null : (
        <Suspense fallback={null}>
          <ConsentCard />
        </Suspense>
      )}
      {toolbar || length >= COUNTER_FROM ? (
        <div className="mb-1.5 flex min-h-6 items-center justify-between gap-3 px-1">
          <div className="min-w-0 flex-1">{toolbar}</div>
          {length >= COUNTER_FROM ? (
            <span
              className={`shrink-0 text-xs tabular-nums ${over ? 'font-semibold text-red-600' : 'text-slate-500'}`}
              data-testid="char-counter"
              aria-live="polite"
            >
              {formatCount(length)} / {formatCount(MESSAGE_LIMIT)}
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="flex items-end gap-2 rounded-2xl border border-slate-300 bg-white p-1.5 pl-3.5 shadow-sm focus-within:border-brand-500 focus-within:ring-1 focus-within:ring-brand-500">
        <label htmlFor="chat-message" className="sr-only">
          Message
        </label>
        <textarea
          id="chat-message"
          ref={area}
          rows={1}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              if (canSend) onSend();
            }
          }}
          placeholder={granted ? placeholder : 'Accept the notice above to ask a question'}
          disabled={!granted}
          aria-invalid={over || undefined}
          enterKeyHint="send"
          className="max-h-52 min-h-9 flex-1 resize-none border-0 bg-transparent py-2 text-[15px] leading-6 text-slate-900 placeholder:text-slate-400 focus:outline-none"
          data-testid="composer-input"
        />
        {generating ? (
          <button
            type="button"
            onClick={onStop}
            disabled={stopping}
            aria-label="Stop"
            title="Stop the answer"
            className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-slate-900 text-white hover:bg-slate-700 disabled:opacity-50"
          >
            <StopIcon className="h-4 w-4" />
          </button>
        ) : (
          <button
            type="submit"
            disabled={!canSend}
            aria-label="Send"
            title={blocked ?? 'Send (Enter)'}
            className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-brand-600 text-white hover:bg-brand-700 disabled:bg-slate-200 disabled:text-slate-400"
          >
            <ArrowUpIcon className="h-5 w-5" />
          </button>
        )}
      </div>
      <p className="mt-1.5 hidden px-1 text-center text-[11px] text-slate-500 sm:block">{hint}</p>
    </form>
  );
}
