import type { ReactNode } from 'react';
import { Card } from './card';

export interface Column {
  label: ReactNode;
  /** Added to the header cell (alignment, no wrapping). */
  className?: string;
}

/** An actions column: named for screen readers, blank on screen. */
export const ACTIONS_COLUMN: Column = { label: <span className="sr-only">Actions</span> };

/** A row's classes: a card-like block on a phone, a table row from `md` up. */
export const tableRow = 'flex flex-col gap-1 px-4 py-3 md:table-row md:px-0 md:py-0';

/**
 * A table on a large screen and a list of blocks on a phone (the header row is hidden there; cells
 * label themselves where needed). The rows are the children; `empty` is shown instead when there
 * are none.
 */
export function ResponsiveTable({
  columns,
  empty,
  testId,
  children,
}: {
  columns: Column[];
  /** The message when there are no rows; null when there are. */
  empty: ReactNode | null;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card className="overflow-hidden">
      {empty !== null ? (
        <p className="px-6 py-10 text-center text-sm text-slate-500">{empty}</p>
      ) : (
        <table className="block w-full text-left text-sm md:table" data-testid={testId}>
          <thead className="hidden bg-slate-50 text-xs font-medium text-slate-500 md:table-header-group">
            <tr>
              {columns.map((column, i) => (
                <th key={i} className={column.className ? `px-4 py-2.5 ${column.className}` : 'px-4 py-2.5'}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="block divide-y divide-slate-100 md:table-row-group">{children}</tbody>
        </table>
      )}
    </Card>
  );
}
