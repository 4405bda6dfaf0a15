import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

/** A titled panel of the dashboard, with its CSV download (if any) beside the title. */
export function Section({
  id,
  title,
  description,
  action,
  className,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  action?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card as="section" aria-labelledby={`${id}-title`} className={`min-w-0 px-4 py-4 ${className ?? ''}`} data-testid={`section-${id}`}>
      <div className="mb-3 flex items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-xs text-slate-500">{description}</p> : null}
        </div>
        {action}
      </div>
      {children}
    </Card>
  );
}

/** A plain table of figures: the first column names the row, the others are right-aligned numbers. */
export function FiguresTable({
  caption,
  head,
  rows,
  srOnly,
  empty = 'Nothing in this range.',
}: {
  caption: string;
  head: string[];
  rows: ReactNode[][];
  srOnly?: boolean;
  empty?: string;
}) {
  if (!rows.length && !srOnly) return <p className="py-6 text-center text-sm text-slate-500">{empty}</p>;
  return (
    // Focusable when it can scroll, so that keyboard users can scroll it sideways on a narrow screen.
    <div className={srOnly ? 'sr-only' : 'overflow-x-auto'} {...(srOnly ? {} : { tabIndex: 0, role: 'region', 'aria-label': caption })}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            {head.map((h, i) => (
              <th key={h} scope="col" className={`py-1.5 pr-3 font-medium ${i ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((cell, i) =>
                i ? (
                  <td key={i} className="py-1.5 pr-3 text-right text-slate-700 tabular-nums">
                    {cell}
                  </td>
                ) : (
                  <th key={i} scope="row" className="py-1.5 pr-3 font-normal text-slate-900">
                    {cell}
                  </th>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
