'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ShieldIcon } from '@/components/ui/icons';
import { ConsentNotice } from './consent-notice';
import { useConsentGate } from './consent-provider';

/** Shown above the closed message box until the user consents to AI processing (again, after withdrawing). */
export function ConsentCard() {
  const { consent, accept } = useConsentGate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!consent) return null;
  const again = consent.state === 'withdrawn' || consent.state === 'outdated';

  return (
    <Card as="section" aria-labelledby="consent-title" className="mb-3 max-h-[55vh] overflow-y-auto p-4 sm:p-5" data-testid="consent-card">
      <div className="flex items-start gap-3">
        <div className="hidden h-9 w-9 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-600 sm:flex">
          <ShieldIcon className="h-5 w-5" />
        </div>
        <div className="min-w-0 flex-1">
          <h2 id="consent-title" className="text-base font-semibold text-slate-900">
            {again ? 'Your consent is needed again' : consent.text.title}
          </h2>
          <p className="mt-1 text-sm leading-6 text-slate-600">
            {consent.state === 'withdrawn'
              ? 'You withdrew your consent to AI processing, so new questions are paused. '
              : consent.state === 'outdated'
                ? 'The notice below has changed since you last agreed. '
                : null}
            {consent.text.intro}
          </p>
          <ConsentNotice text={consent.text} className="mt-3" />
          {error ? <ErrorAlert className="mt-3">{error}</ErrorAlert> : null}
          <div className="mt-4 flex flex-col gap-2 sm:flex-row sm:items-center">
            <Button
              variant="primary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(await accept());
                setBusy(false);
              }}
            >
              {busy ? 'Saving…' : 'Accept and start'}
            </Button>
            <Link href="/profile/privacy" className="text-center text-sm font-medium text-brand-700 hover:underline sm:ml-2">
              Privacy &amp; your data
            </Link>
          </div>
          <p className="mt-2 text-xs text-slate-500">Notice version {consent.text.version}</p>
        </div>
      </div>
    </Card>
  );
}
