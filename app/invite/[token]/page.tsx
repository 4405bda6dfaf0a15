import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInviteForm } from '@/components/profile/accept-invite-form';
import { Logo } from '@/components/ui/logo';
import { PASSWORD_POLICY } from '@/lib/auth/password';
import { inviteState } from '@/lib/users/invites';

export const metadata: Metadata = { title: 'Choose a password', robots: { index: false, follow: false } };
export const dynamic = 'force-dynamic';

const CLOSED = {
  invalid: ['This link does not work', 'Check that you opened the whole link from the email, or ask your administrator for a new one.'],
  used: ['This link has already been used', 'Sign in with the password you chose, or ask your administrator for a new link.'],
  expired: ['This link has expired', 'Invite links work for a limited time. Ask your administrator for a new one.'],
  disabled: ['This account is disabled', 'Ask your administrator.'],
} as const;

// Outside the signed-in area: an invited user (or one whose password was reset) chooses a password.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = await inviteState(decodeURIComponent(token));
  return (
    <div className="flex min-h-dvh items-center justify-center bg-slate-900 px-4 py-12">
      <main className="w-full max-w-sm">
        <div className="mb-8 text-center text-white">
          <Logo className="text-2xl" />
          <p className="mt-2 text-sm text-slate-400">Answers from your machine manuals, and a person when you need one.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-xl sm:p-8">
          {state.status === 'open' ? (
            <>
              <h1 className="text-lg font-semibold text-slate-900">Welcome, {state.name}</h1>
              <p className="mt-1 mb-6 text-sm text-slate-600">Choose the password you will sign in with.</p>
              <AcceptInviteForm token={decodeURIComponent(token)} email={state.email} minLength={PASSWORD_POLICY.minLength} />
            </>
          ) : (
            <div data-testid="invite-closed">
              <h1 className="text-lg font-semibold text-slate-900">{CLOSED[state.status][0]}</h1>
              <p className="mt-2 text-sm text-slate-600">{CLOSED[state.status][1]}</p>
              <Link href="/sign-in" className="mt-6 inline-block text-sm font-semibold text-brand-600 hover:text-brand-700">
                Go to sign-in
              </Link>
            </div>
          )}
        </div>
      </main>
    </div>
  );
}
