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
    <Card as="section" aria-labelledby="consent-title" className="mb-3 flex max-h-[60vh] flex-col" data-testid="consent-card">
      {/* Focusable, so the notice scrolls from the keyboard too when it is taller than the card. */}
      <div
        tabIndex={0}
        className="min-h-0 flex-1 overflow-y-auto rounded-t-xl px-4 pt-4 focus-visible:outline-2 focus-visible:outline-brand-500 sm:px-5 sm:pt-5"
      >
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
                  ? 'The notice has changed since you last agreed. '
                  : null}
              {consent.text.intro}
            </p>
            <ConsentNotice text={consent.text} className="mt-3 pb-3 lg:grid-cols-2" />
          </div>
        </div>
      </div>
      {/* Always in view, however long the notice scrolls. */}
      <div className="border-t border-slate-100 px-4 py-3 sm:px-5">
        {error ? <ErrorAlert className="mb-3">{error}</ErrorAlert> : null}
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
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
          <p className="text-center text-xs text-slate-500">
            Notice version {consent.text.version} ·{' '}
            <Link href="/profile/privacy" className="font-medium text-brand-700 hover:underline">
              Privacy &amp; your data
            </Link>
          </p>
        </div>
      </div>
    </Card>
  );
}
