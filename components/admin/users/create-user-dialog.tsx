'use client';

import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, inputStyle } from '@/components/ui/field';
import { requestJson } from '@/lib/client/fetch';
import type { CreatedUser } from '@/lib/users/views';
import { ROLE_LABEL, ROLE_ORDER } from './labels';
import { SecretResult } from './secret-result';

/** Creates an account with a one-time password or an invite link, and shows it once. */
export function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const [result, setResult] = useState<CreatedUser | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    setResult(null);
    setError(null);
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const created = await requestJson<CreatedUser>('/api/admin/users', {
        method: 'POST',
        json: {
          name: String(data.get('name') ?? ''),
          email: String(data.get('email') ?? ''),
          role: String(data.get('role')),
          ...(data.get('credentials') === 'invite' ? { invite: true } : {}),
        },
      });
      setResult(created);
      onCreated();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={result ? `${result.user.name} can sign in` : 'New user'}
      description={
        result ? undefined : 'They sign in with their email and a password you hand over, or one they choose from an invite link.'
      }
      testId="create-user-dialog"
    >
      {result ? (
        <div className="space-y-4">
          <SecretResult email={result.user.email} password={result.initialPassword} invite={result.invite} />
          <div className="flex justify-end">
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field htmlFor="new-user-name" label="Name">
            <input id="new-user-name" name="name" required maxLength={120} autoComplete="off" className={`mt-1 ${inputStyle}`} />
          </Field>
          <Field htmlFor="new-user-email" label="Email">
            <input id="new-user-email" name="email" type="email" required autoComplete="off" className={`mt-1 ${inputStyle}`} />
          </Field>
          <Field htmlFor="new-user-role" label="Role">
            <select id="new-user-role" name="role" defaultValue="technician" className={`mt-1 ${inputStyle}`}>
              {ROLE_ORDER.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">Password</legend>
            <div className="mt-2 space-y-2 text-sm text-slate-700">
              <label className="flex items-start gap-2">
                <input type="radio" name="credentials" value="password" defaultChecked className="mt-0.5" />
                <span>Generate a one-time password that I hand over</span>
              </label>
              <label className="flex items-start gap-2">
                <input type="radio" name="credentials" value="invite" className="mt-0.5" />
                <span>Send an invite link so they choose their own (also emailed to them)</span>
              </label>
            </div>
          </fieldset>
          {error ? <ErrorAlert>{error}</ErrorAlert> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create user'}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
