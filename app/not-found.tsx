import { EmptyState } from '@/components/ui/empty-state';
import { ChatIcon } from '@/components/ui/icons';

export const metadata = { title: 'Page not found' };

// A plain link: `next/link` here would be loaded with every page (the root not-found is part of
// each page's tree), a second copy beside the one the signed-in shell bundles.
export default function NotFound() {
  return (
    <main className="flex min-h-dvh items-center justify-center">
      <EmptyState
        icon={<ChatIcon />}
        title="Page not found"
        action={
          // eslint-disable-next-line @next/next/no-html-link-for-pages -- see above
          <a href="/" className="text-sm font-semibold text-brand-600 hover:text-brand-700">
            Go to the start page →
          </a>
        }
      >
        The page you asked for does not exist or was removed.
      </EmptyState>
    </main>
  );
}
