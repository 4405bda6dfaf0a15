'use client';

import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { inputStyle } from '@/components/ui/field';
import { CheckIcon } from '@/components/ui/icons';
import type { EscalationDetailData } from '@/lib/escalation/views';

export interface Change {
  status?: 'open' | 'acknowledged' | 'resolved';
  assignedTo?: string | null;
  resolutionNote?: string;
  handBack?: true;
}

/** Acknowledge, assign, hand back, resolve with a note. */
export function ActionsPanel({
  data,
  me,
  onChange,
}: {
  data: EscalationDetailData;
  me: string;
  onChange: (change: Change) => Promise<string | null>;
}) {
  const { escalation: e, session } = data;
  const [busy, setBusy] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function run(change: Change) {
    setBusy(true);
    setError(null);
    const err = await onChange(change);
    setBusy(false);
    setError(err);
    return err;
  }

  if (e.status === 'resolved') {
    return (
      <Card as="section" className="border-emerald-200 bg-emerald-50/60 px-4 py-3" data-testid="resolution">
        <h2 className="flex items-center gap-1.5 text-sm font-semibold text-emerald-900">
          <CheckIcon className="h-4 w-4" /> Resolved{e.resolvedBy ? ` by ${e.resolvedBy.name}` : ''}
        </h2>
        <p className="mt-1 text-sm whitespace-pre-line text-emerald-900">{e.resolutionNote}</p>
        <p className="mt-3 text-xs text-emerald-900">
          The problem came back? Reopening tells the technician and puts it back in the inbox.
        </p>
        <Button variant="panelSecondary" disabled={busy} onClick={() => void run({ status: 'open' })} className="mt-2 w-full">
          Reopen
        </Button>
        {error ? <ErrorAlert className="mt-2">{error}</ErrorAlert> : null}
      </Card>
    );
  }

  return (
    <Card as="section" className="space-y-3 px-4 py-3" aria-labelledby="actions-heading" data-testid="escalation-actions">
      <h2 id="actions-heading" className="text-sm font-semibold text-slate-900">
        Actions
      </h2>
      {e.status === 'open' ? (
        <Button variant="panelPrimary" disabled={busy} onClick={() => void run({ status: 'acknowledged' })} className="w-full">
          Acknowledge
        </Button>
      ) : null}

      <div>
        <label htmlFor="assignee" className="text-xs font-medium text-slate-600">
          Assigned to
        </label>
        <div className="mt-1 flex gap-2">
          <select
            id="assignee"
            disabled={busy}
            value={e.assignedTo ?? ''}
            onChange={(ev) => void run({ assignedTo: ev.target.value || null })}
            className={`${inputStyle} min-w-0 flex-1`}
          >
            <option value="">Unassigned</option>
            {data.assignees.map((u) => (
              <option key={u.id} value={u.id}>
                {u.id === me ? `${u.name} (me)` : u.name}
              </option>
            ))}
          </select>
          {e.assignedTo !== me ? (
            <Button variant="panelSecondary" disabled={busy} onClick={() => void run({ assignedTo: me })} className="shrink-0">
              Assign to me
            </Button>
          ) : null}
        </div>
      </div>

      {session.mode === 'support' ? (
        <div className="rounded-lg bg-emerald-50 px-3 py-2 text-xs text-emerald-900">
          The assistant is paused while support handles this conversation.
          <Button variant="panelSecondary" disabled={busy} onClick={() => void run({ handBack: true })} className="mt-2 w-full">
            Hand back to the assistant
          </Button>
        </div>
      ) : (
        <p className="rounded-lg bg-slate-50 px-3 py-2 text-xs text-slate-600">
          The assistant answers the technician. Acknowledging or replying pauses it.
        </p>
      )}

      {resolving ? (
        <form
          className="space-y-2"
          onSubmit={(ev) => {
            ev.preventDefault();
            void run({ status: 'resolved', resolutionNote: note.trim() }).then((err) => {
              if (!err) setResolving(false);
            });
          }}
        >
          <label htmlFor="resolution-note" className="text-xs font-medium text-slate-600">
            Resolution note <span className="font-normal">(the technician reads it)</span>
          </label>
          <textarea
            id="resolution-note"
            required
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(ev) => setNote(ev.target.value)}
            className={`${inputStyle} resize-y`}
            placeholder="What fixed it?"
            autoFocus
          />
          <div className="flex gap-2">
            <Button variant="panelSuccess" type="submit" disabled={busy || !note.trim()} className="flex-1">
              Resolve
            </Button>
            <Button variant="panelSecondary" onClick={() => setResolving(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button variant="panelSecondary" disabled={busy} onClick={() => setResolving(true)} className="w-full">
          Resolve…
        </Button>
      )}

      {error ? <ErrorAlert>{error}</ErrorAlert> : null}
    </Card>
  );
}
