'use client';

import { LogOutIcon } from '@/components/ui/icons';

export function SignOutButton({ compact = false }: { compact?: boolean }) {
  return (
    <button
      type="button"
      onClick={async () => {
        // Loaded on the click: next-auth's browser code is not needed on every page.
        const { signOut } = await import('next-auth/react');
        await signOut({ redirect: false });
        // A full load, not a client navigation: nothing of the signed-out user stays in memory.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign('/sign-in');
      }}
      className={
        compact
          ? 'rounded-md p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-900'
          : 'flex w-full items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-300 hover:bg-slate-800/60 hover:text-white'
      }
      aria-label="Sign out"
    >
      <LogOutIcon className="h-5 w-5" />
      {compact ? null : 'Sign out'}
    </button>
  );
}
