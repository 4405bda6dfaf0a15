'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ThumbDownIcon, ThumbUpIcon } from '@/components/ui/icons';

/** Helpful / not helpful on an answer; "not helpful" asks for an optional comment. */
export function Feedback({
  helpful,
  comment,
  onRate,
  children,
}: {
  helpful: boolean | null;
  comment: string | null;
  onRate: (helpful: boolean, comment?: string) => Promise<boolean>;
  /** More actions for the same row (e.g. Regenerate). */
  children?: React.ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [thanked, setThanked] = useState(false);
  const commentId = useId();

  async function rate(value: boolean) {
    if (helpful === value) return;
    setThanked(false);
    setAsking(!value);
    await onRate(value);
  }

  async function sendComment() {
    setSending(true);
    const ok = await onRate(false, draft.trim() || undefined);
    setSending(false);
    if (ok) {
      setAsking(false);
      setThanked(true);
      setDraft('');
    }
  }

  const base = 'rounded-md p-1.5 transition-colors disabled:opacity-40';
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <div className="flex items-center gap-0.5" role="group" aria-label="Was this answer helpful?">
          <button
            type="button"
            onClick={() => void rate(true)}
            aria-pressed={helpful === true}
            aria-label="Helpful"
            title="Helpful"
            className={`${base} ${helpful === true ? 'bg-emerald-50 text-emerald-600' : 'text-slate-400 hover:bg-slate-100 hover:text-slate-700'}`}
          >
            <ThumbUpIcon className="h-4 w-4" />
          </button>
          <button
            type="button"
            onClick={() => void rate(false)}
            aria-pressed={helpful === false}
            aria-label="Not helpful"
            title="Not helpful"
            className={`${base} ${helpful === false ? 'bg-red-50 text-red-600' : 'text-slate-400 hover:bg-slate-100 hover:text-slate-700'}`}
          >
            <ThumbDownIcon className="h-4 w-4" />
          </button>
          {thanked || (helpful !== null && !asking) ? (
            <span className="ml-1 text-xs text-slate-500" data-testid="feedback-thanks">
              {helpful === false && comment ? 'Thanks — your comment was sent.' : 'Thanks for the feedback.'}
            </span>
          ) : null}
        </div>
        {children}
      </div>
      {asking && helpful === false ? (
        <form
          className="w-full max-w-lg"
          onSubmit={(e) => {
            e.preventDefault();
            void sendComment();
          }}
        >
          <label htmlFor={commentId} className="sr-only">
            What was wrong or missing?
          </label>
          <textarea
            id={commentId}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={2000}
            rows={2}
            autoFocus
            placeholder="What was wrong or missing? (optional)"
            className="block w-full resize-none rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none"
          />
          <div className="mt-2 flex gap-2">
            <Button variant="primary" type="submit" disabled={sending || !draft.trim()} className="px-3 py-1.5 text-xs">
              {sending ? 'Sending…' : 'Send comment'}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)} className="px-3 py-1.5 text-xs">
              Skip
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
