'use client';

import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { useHydrated } from '@/lib/client/use-hydrated';

const MESSAGES: Record<string, string> = {
  CredentialsSignin: 'Email or password is incorrect.',
  RateLimited: 'Too many failed sign-ins from this network. Wait a few minutes (at most 15), then try again.',
  RateLimitedAccount:
    'Sign-ins to this account are paused for up to an hour after many failed attempts from other places. Sign in from a network you have used before, wait, or ask an administrator.',
  Disabled: 'This account is disabled. Ask an administrator.',
};

/** `returnTo`: the same-origin path to go to once signed in (checked by the page), or null for the home page. */
export function SignInForm({ returnTo }: { returnTo: string | null }) {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(
    params.get('error') ? (MESSAGES[params.get('error')!] ?? 'Sign-in failed. Try again.') : null,
  );
  const [pending, setPending] = useState(false);
  // Until then a submit would be the browser's own, with the password in the page's address.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email')),
        password: String(form.get('password')),
        redirect: false,
      });
      if (!result || result.error) {
        setError(MESSAGES[result?.error ?? ''] ?? 'Sign-in failed. Try again.');
        return;
      }
      router.replace(returnTo ?? '/');
      router.refresh();
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 sm:text-sm"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 sm:text-sm"
        />
      </div>
      {error ? <ErrorAlert testId="sign-in-error">{error}</ErrorAlert> : null}
      <button
        type="submit"
        disabled={pending || !hydrated}
        className="flex w-full justify-center rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
