'use client';

import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputStyle } from '@/components/ui/field';
import { ArrowUpIcon } from '@/components/ui/icons';

/** Support's reply: goes straight into the technician's chat. Ctrl/⌘+Enter sends. */
export function ReplyBox({
  disabled,
  technicianName,
  onSend,
}: {
  disabled: boolean;
  technicianName: string;
  onSend: (text: string) => Promise<string | null>;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    const message = text.trim();
    if (!message || busy) return;
    setBusy(true);
    setError(null);
    const err = await onSend(message);
    setBusy(false);
    if (err) return setError(err);
    setText('');
  }

  if (disabled) {
    return (
      <p className="px-4 py-3 text-center text-sm text-slate-500 sm:px-6">
        This escalation is resolved. The technician is back with the assistant.
      </p>
    );
  }

  return (
    <form
      className="px-4 py-3 sm:px-6"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor="reply" className="sr-only">
        Reply to {technicianName}
      </label>
      <div className="flex items-end gap-2">
        <textarea
          id="reply"
          rows={2}
          maxLength={8000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
              e.preventDefault();
              void send();
            }
          }}
          placeholder={`Reply to ${technicianName} — it appears in their chat`}
          className={`${inputStyle} max-h-48 min-h-[2.75rem] resize-y`}
          data-testid="reply-input"
        />
        <Button variant="panelPrimary" type="submit" disabled={busy || !text.trim()} className="h-[2.75rem] shrink-0">
          <ArrowUpIcon className="h-4 w-4" />
          <span>{busy ? 'Sending…' : 'Send reply'}</span>
        </Button>
      </div>
      {error ? <ErrorAlert className="mt-2">{error}</ErrorAlert> : null}
    </form>
  );
}
