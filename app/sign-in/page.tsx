import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { SignInForm } from '@/components/auth/sign-in-form';
import { Logo } from '@/components/ui/logo';
import { safeReturnPath } from '@/lib/auth/return-path';
import { currentUser, homeFor } from '@/lib/auth/server';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type Params = Record<string, string | string[] | undefined>;

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { callbackUrl } = await searchParams;
  // Only a path on this site: anything else (another site, `javascript:`, garbage) falls back to the home page.
  const returnTo = safeReturnPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl, env().appUrl);
  const user = await currentUser();
  if (user) redirect(returnTo ?? homeFor(user.role));
  return (
    <div className="flex min-h-dvh items-center justify-center bg-slate-900 px-4 py-12">
      <main className="w-full max-w-sm">
        <div className="mb-8 text-center text-white">
          <Logo className="text-2xl" />
          <p className="mt-2 text-sm text-slate-400">Answers from your machine manuals, and a person when you need one.</p>
        </div>
        <div className="rounded-xl bg-white p-6 shadow-xl sm:p-8">
          <h1 className="mb-6 text-lg font-semibold text-slate-900">Sign in to your account</h1>
          <Suspense>
            <SignInForm returnTo={returnTo} />
          </Suspense>
        </div>
        <p className="mt-6 text-center text-xs text-slate-400">Accounts are created by your administrator.</p>
      </main>
    </div>
  );
}
