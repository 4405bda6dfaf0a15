import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { ChatIcon } from '@/components/ui/icons';

export const metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center">
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
