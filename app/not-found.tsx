import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { ChatIcon } from '@/components/ui/icons';

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center">
      {/* A not-found file takes no metadata export; React moves this <title> into the head. */}
      <title>Page not found · Fixline</title>
      <EmptyState
        icon={<ChatIcon />}
        title="Page not found"
        action={
          <Link href="/" className="text-sm font-semibold text-brand-600 hover:text-brand-700">
            Go to the start page →
          </Link>
        }
      >
        The page you asked for does not exist or was removed.
      </EmptyState>
    </main>
  );
}
