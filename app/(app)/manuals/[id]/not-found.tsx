import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { BookIcon } from '@/components/ui/icons';

export default function ManualNotFound() {
  return (
    <div data-testid="viewer-status" role="alert">
      <EmptyState
        icon={<BookIcon />}
        title="This manual is no longer available"
        action={
          <Link href="/" className="text-sm font-semibold text-brand-600 hover:text-brand-700">
            Go to the start page →
          </Link>
        }
      >
        It may have been deleted by an administrator. Answers that cited it keep their text; ask support if you need the manual itself.
      </EmptyState>
    </div>
  );
}
