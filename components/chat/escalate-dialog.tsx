'use client';

import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, inputStyle } from '@/components/ui/field';
import type { Urgency } from '@/lib/conversations/views';

const URGENCY: { value: Urgency; label: string; hint: string }[] = [
  { value: 'low', label: 'Low', hint: 'No rush' },
  { value: 'normal', label: 'Normal', hint: 'Today' },
  { value: 'high', label: 'High', hint: 'Machine down or unsafe' },
];

const field = `mt-1 ${inputStyle}`;

/** Urgency, an optional note and a callback number; support gets the whole conversation. */
export function EscalateDialog({
  open,
  onClose,
  onSubmit,
}: {
  open: boolean;
  onClose: () => void;
  onSubmit: (input: { urgency: Urgency; note?: string; phone?: string }) => Promise<string | null>;
}) {
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [note, setNote] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    const err = await onSubmit({
      urgency,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
    });
    setBusy(false);
    if (err) return setError(err);
    setNote('');
    setPhone('');
    setUrgency('normal');
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Escalate to support"
      description="Support receives this conversation with the machine details and can reply right here in the chat."
      testId="escalate-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="space-y-4"
      >
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">Urgency</legend>
          <div className="mt-1.5 grid grid-cols-3 gap-2">
            {URGENCY.map((u) => (
              <label
                key={u.value}
                className={`flex cursor-pointer flex-col rounded-lg px-3 py-2 ring-1 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-500 ${urgency === u.value ? (u.value === 'high' ? 'bg-red-50 ring-2 ring-red-500' : 'bg-brand-50 ring-2 ring-brand-500') : 'ring-slate-300 hover:bg-slate-50'}`}
              >
                <input
                  type="radio"
                  name="urgency"
                  value={u.value}
                  checked={urgency === u.value}
                  onChange={() => setUrgency(u.value)}
                  className="sr-only"
                />
                <span className="text-sm font-semibold text-slate-900">{u.label}</span>
                <span className="text-xs leading-4 text-slate-500">{u.hint}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field htmlFor="escalate-note" label="Note for support" optional>
          <textarea
            id="escalate-note"
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What have you tried? What do you need?"
            className={`${field} resize-y`}
          />
        </Field>
        <Field htmlFor="escalate-phone" label="Callback number" optional>
          <input
            id="escalate-phone"
            type="tel"
            autoComplete="tel"
            maxLength={40}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="+1 555 0100"
            className={field}
          />
        </Field>
        {error ? <ErrorAlert>{error}</ErrorAlert> : null}
        <div className="flex flex-col-reverse gap-2 pt-1 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" disabled={busy}>
            {busy ? 'Escalating…' : 'Escalate'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
