'use client';

import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { requestJson } from '@/lib/client/fetch';
import { ConsentNotice } from './consent-notice';
import type { ConsentData } from './types';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '');

function stateLine(c: ConsentData): string {
  if (c.state === 'current') return `You consented on ${when(c.grantedAt)} (notice version ${c.version}).`;
  if (c.state === 'withdrawn')
    return `You withdrew your consent on ${when(c.withdrawnAt)}. New questions are paused until you give it again.`;
  if (c.state === 'outdated')
    return `You consented to an earlier notice (version ${c.version}); the notice has changed since. Chat is paused until you agree to the current one.`;
  return 'You have not given your consent yet. Chat starts once you do.';
}

/** The consent to AI processing: its state, the notice, and giving or withdrawing it. */
export function ConsentPanel({ initial }: { initial: ConsentData }) {
  const [consent, setConsent] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(method: 'POST' | 'DELETE') {
    setBusy(true);
    setError(null);
    try {
      const res = await requestJson<{ consent: ConsentData }>('/api/me/consent', {
        method,
        ...(method === 'POST' ? { json: { version: consent.text.version } } : {}),
      });
      setConsent(res.consent);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card as="section" aria-labelledby="consent-heading" className="p-5 sm:p-6" data-testid="consent-panel">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div>
          <h2 id="consent-heading" className="text-base font-semibold text-slate-900">
            Consent to AI processing
          </h2>
          <p className="mt-1 text-sm text-slate-600" data-testid="consent-state" suppressHydrationWarning>
            {stateLine(consent)}
          </p>
        </div>
        <span
          className={`inline-flex shrink-0 self-start rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${
            consent.granted ? 'bg-emerald-50 text-emerald-700 ring-emerald-600/20' : 'bg-amber-50 text-amber-800 ring-amber-600/20'
          }`}
        >
          {consent.granted ? 'Given' : 'Not given'}
        </span>
      </div>
      <details className="mt-4 rounded-lg bg-slate-50 px-4 py-3">
        <summary className="cursor-pointer text-sm font-medium text-slate-800">Read the notice (version {consent.text.version})</summary>
        <p className="mt-2 text-sm leading-6 text-slate-600">{consent.text.intro}</p>
        <ConsentNotice text={consent.text} className="mt-2" />
      </details>
      {error ? <ErrorAlert className="mt-4">{error}</ErrorAlert> : null}
      <div className="mt-4">
        {consent.granted ? (
          <Button onClick={() => void change('DELETE')} disabled={busy}>
            {busy ? 'Withdrawing…' : 'Withdraw consent'}
          </Button>
        ) : (
          <Button variant="primary" onClick={() => void change('POST')} disabled={busy}>
            {busy ? 'Saving…' : 'Give consent'}
          </Button>
        )}
      </div>
    </Card>
  );
}
