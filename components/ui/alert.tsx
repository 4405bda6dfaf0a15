import type { ReactNode } from 'react';

/** An error message announced to screen readers; `className` adds spacing. */
export function ErrorAlert({ children, className, testId }: { children: ReactNode; className?: string; testId?: string }) {
  const base = 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-700';
  return (
    <p role="alert" data-testid={testId} className={className ? `${className} ${base}` : base}>
      {children}
    </p>
  );
}
