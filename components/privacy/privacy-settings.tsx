import { buttonStyles } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConsentPanel } from './consent-panel';
import { DeleteAccount } from './delete-account';
import type { ConsentData } from './types';

/** Profile › Privacy & data: consent, a copy of everything, and deleting the account. */
export function PrivacySettings({ consent, email }: { consent: ConsentData; email: string }) {
  return (
    <div className="mx-auto max-w-3xl space-y-4 px-4 py-5 sm:px-8">
      <ConsentPanel initial={consent} />
      <Card as="section" aria-labelledby="export-heading" className="p-5 sm:p-6">
        <h2 id="export-heading" className="text-base font-semibold text-slate-900">
          Download my data
        </h2>
        <p className="mt-1 text-sm leading-6 text-slate-600">
          One JSON file with your profile, every conversation with its messages and sources, your ratings, the escalations you raised with
          support’s replies, your consents, your API tokens (names and dates, never the tokens) and the audit log of what you did.
        </p>
        <a href="/api/me/export" download className={`${buttonStyles.secondary} mt-4`} data-testid="export-link">
          Download my data
        </a>
      </Card>
      <DeleteAccount email={email} />
    </div>
  );
}
