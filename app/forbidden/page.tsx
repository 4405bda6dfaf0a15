import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { LockIcon } from '@/components/ui/icons';

export const metadata = { title: 'Not allowed' };

export default function ForbiddenPage() {
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <EmptyState
        icon={<LockIcon />}
        title="You don't have access to this page"
        action={
          <Link href="/" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
            Back to your start page
          </Link>
        }
      >
        Your role does not include this part of Fixline. If you need it, ask an administrator.
      </EmptyState>
    </main>
  );
}
