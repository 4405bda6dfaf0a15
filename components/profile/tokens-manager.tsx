'use client';

import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { Field, inputStyle } from '@/components/ui/field';
import { KeyIcon, PlusIcon } from '@/components/ui/icons';
import { requestJson, request } from '@/lib/client/fetch';
import type { ApiTokenRow, CreatedApiToken } from '@/lib/users/views';
import { ago, day } from './format';
import { OneTimeSecret } from './one-time-secret';

function statusOf(t: ApiTokenRow, now = Date.now()) {
  if (t.revokedAt) return { label: 'Revoked', className: 'bg-slate-100 text-slate-600 ring-slate-500/20' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= now)
    return { label: 'Expired', className: 'bg-amber-50 text-amber-800 ring-amber-600/20' };
  return { label: 'Active', className: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' };
}

/** The user's personal API tokens: create one (shown once), see when each was last used, revoke. */
export function TokensManager({ initial, expiryChoices }: { initial: ApiTokenRow[]; expiryChoices: readonly number[] }) {
  const [tokens, setTokens] = useState(initial);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenRow | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  async function reload() {
    setTokens((await requestJson<{ tokens: ApiTokenRow[] }>('/api/me/tokens')).tokens);
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const { token } = await requestJson<{ token: CreatedApiToken }>('/api/me/tokens', {
        method: 'POST',
        json: { name: String(data.get('name') ?? ''), expiresInDays: Number(data.get('expiresInDays')) },
      });
      setCreated(token);
      form.reset();
      await reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    setRevokeError(null);
    try {
      await request(`/api/me/tokens/${revoking.id}`, { method: 'DELETE' });
      if (created?.id === revoking.id) setCreated(null);
      setRevoking(null);
      await reload();
    } catch (e) {
      setRevokeError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5 px-4 py-5 sm:px-8">
      <Card as="section" className="p-4 sm:p-5" aria-labelledby="new-token-title">
        <h2 id="new-token-title" className="text-base font-semibold text-slate-900">
          New token
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Integrations such as a parts portal call the Fixline API with{' '}
          <code className="rounded bg-slate-100 px-1">Authorization: Bearer</code> and a token. It acts as you, with your role; keep it
          secret.
        </p>
        <form onSubmit={onCreate} className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
          <Field htmlFor="token-name" label="Name" className="flex-1">
            <input id="token-name" name="name" required maxLength={80} placeholder="Parts portal" className={`mt-1 ${inputStyle}`} />
          </Field>
          <Field htmlFor="token-expiry" label="Expires after" className="sm:w-44">
            <select
              id="token-expiry"
              name="expiresInDays"
              defaultValue={expiryChoices[1] ?? expiryChoices[0]}
              className={`mt-1 ${inputStyle}`}
            >
              {expiryChoices.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </Field>
          <Button type="submit" variant="primary" disabled={busy}>
            <PlusIcon className="h-4 w-4" />
            Create token
          </Button>
        </form>
        {error ? <ErrorAlert className="mt-3">{error}</ErrorAlert> : null}
        {created ? (
          <div className="mt-4">
            <OneTimeSecret
              label={`Your new token “${created.name}”`}
              value={created.token}
              hint={`Copy it now: it is shown only this once. It expires on ${day(created.expiresAt)}.`}
              testId="new-token"
            />
          </div>
        ) : null}
      </Card>

      <Card as="section" className="overflow-hidden" aria-labelledby="tokens-title">
        <h2 id="tokens-title" className="border-b border-slate-100 px-4 py-3 text-base font-semibold text-slate-900 sm:px-5">
          Your tokens
        </h2>
        {tokens.length === 0 ? (
          <div className="flex flex-col items-center px-6 py-10 text-center text-sm text-slate-500">
            <KeyIcon className="mb-2 h-6 w-6 text-slate-400" />
            No API tokens yet.
          </div>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="token-list">
            {tokens.map((t) => {
              const status = statusOf(t);
              return (
                <li key={t.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:px-5" data-testid="token-row">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="truncate font-medium text-slate-900">{t.name}</span>
                      <code className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">{t.prefix}…</code>
                      <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${status.className}`}>
                        {status.label}
                      </span>
                    </p>
                    <p className="mt-0.5 text-xs text-slate-600">
                      Created {day(t.createdAt)} · {t.lastUsedAt ? `last used ${ago(t.lastUsedAt)}` : 'never used'} ·{' '}
                      {t.revokedAt ? `revoked ${day(t.revokedAt)}` : t.expiresAt ? `expires ${day(t.expiresAt)}` : 'no expiry'}
                    </p>
                  </div>
                  {status.label === 'Active' ? (
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setRevokeError(null);
                        setRevoking(t);
                      }}
                      aria-label={`Revoke ${t.name}`}
                    >
                      Revoke
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        description={<>“{revoking?.name}” stops working at once. Anything that uses it will be refused until you give it a new token.</>}
        confirmLabel="Revoke token"
        busyLabel="Revoking…"
        busy={busy}
        error={revokeError}
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      />
    </div>
  );
}
