import type { ReactNode } from 'react';

/** The look of text inputs, text areas and selects in forms. */
export const inputStyle =
  'block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-brand-500 focus:outline-none disabled:bg-slate-50';

/** A label above its control (`htmlFor` names the control's id), optionally marked "(optional)". */
export function Field({
  htmlFor,
  label,
  optional,
  className,
  children,
}: {
  htmlFor: string;
  label: ReactNode;
  optional?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="text-sm font-medium text-slate-900">
        {label}
        {optional ? (
          <>
            {' '}
            <span className="font-normal text-slate-500">(optional)</span>
          </>
        ) : null}
      </label>
      {children}
    </div>
  );
}
