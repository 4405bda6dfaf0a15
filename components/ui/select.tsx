import type { SelectHTMLAttributes } from 'react';

export const selectStyle =
  'min-w-0 rounded-md border-0 bg-white py-1.5 pr-7 pl-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none';

/** A compact select, as in filter bars; `className` adds to its classes. */
export function Select({ className, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select className={className ? `${selectStyle} ${className}` : selectStyle} {...props} />;
}
