'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Field, inputStyle } from '@/components/ui/field';
import { request } from '@/lib/client/fetch';

/** Deleting the account, confirmed by typing the email address in the dialog. */
export function DeleteAccount({ email }: { email: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim().toLowerCase() === email.toLowerCase();

  function close() {
    if (busy) return;
    setOpen(false);
    setTyped('');
    setError(null);
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await request('/api/me', { method: 'DELETE', json: { confirm: typed } });
      // Signed out everywhere: the next page is the sign-in.
      router.replace('/sign-in');
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <Card as="section" aria-labelledby="delete-heading" className="border-red-200 p-5 sm:p-6">
      <h2 id="delete-heading" className="text-base font-semibold text-slate-900">
        Delete my account
      </h2>
      <p className="mt-1 text-sm leading-6 text-slate-600">
        Your conversations, messages and ratings are deleted and you are signed out on every device. Cases you handed to support stay with
        support under “Deleted user”, with their summary and support’s replies but without what you wrote. This cannot be undone.
      </p>
      <Button variant="danger" className="mt-4" onClick={() => setOpen(true)}>
        Delete my account…
      </Button>

      <Dialog
        open={open}
        onClose={close}
        title="Delete your account?"
        testId="delete-account-dialog"
        description={
          <>
            Type <strong className="font-semibold text-slate-900">{email}</strong> to confirm. Download your data first if you want a copy.
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (matches && !busy) void confirm();
          }}
        >
          <Field htmlFor="delete-confirm" label="Your email address">
            <input
              id="delete-confirm"
              type="email"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className={`${inputStyle} mt-1.5`}
            />
          </Field>
          {error ? <ErrorAlert className="mt-4">{error}</ErrorAlert> : null}
          <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={!matches || busy}>
              {busy ? 'Deleting…' : 'Delete my account'}
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
