'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { useHydrated } from '@/lib/client/use-hydrated';
import { Button } from '@/components/ui/button';
import { Field, inputStyle } from '@/components/ui/field';
import { requestJson } from '@/lib/client/fetch';

/** Chooses the password from an invite link, then signs in with it. */
export function AcceptInviteForm({ token, email, minLength }: { token: string; email: string; minLength: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Until then a submit would be the browser's own, with the password in the page's address.
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password') ?? '');
    if (password !== String(data.get('confirm') ?? '')) return setError('The two passwords are not the same.');
    setPending(true);
    setError(null);
    try {
      await requestJson('/api/invites/accept', { method: 'POST', json: { token, password } });
      const result = await signIn('credentials', { email, password, redirect: false });
      if (!result || result.error) {
        router.replace('/sign-in');
        return;
      }
      router.replace('/');
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
      setPending(false);
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <Field htmlFor="invite-email" label="Email">
        <input id="invite-email" type="email" value={email} readOnly autoComplete="username" className={`mt-1 ${inputStyle} bg-slate-50`} />
      </Field>
      <Field htmlFor="invite-password" label="New password">
        <input
          id="invite-password"
          name="password"
          type="password"
          required
          minLength={minLength}
          maxLength={128}
          autoComplete="new-password"
          aria-describedby="invite-password-hint"
          className={`mt-1 ${inputStyle}`}
        />
        <p id="invite-password-hint" className="mt-1 text-xs text-slate-600">
          At least {minLength} characters; a few unrelated words work well.
        </p>
      </Field>
      <Field htmlFor="invite-confirm" label="Repeat the password">
        <input id="invite-confirm" name="confirm" type="password" required autoComplete="new-password" className={`mt-1 ${inputStyle}`} />
      </Field>
      {error ? <ErrorAlert testId="invite-error">{error}</ErrorAlert> : null}
      <Button type="submit" variant="primary" disabled={pending || !hydrated} className="w-full">
        {pending ? 'Saving…' : 'Set password and sign in'}
      </Button>
    </form>
  );
}
