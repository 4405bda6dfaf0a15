import type { HTMLAttributes } from 'react';

export const cardStyle = 'rounded-xl border border-slate-200 bg-white shadow-sm';

/** A white panel with a border; `className` adds padding and layout. */
export function Card({ as: Tag = 'div', className, ...props }: HTMLAttributes<HTMLElement> & { as?: 'div' | 'section' }) {
  return <Tag className={className ? `${cardStyle} ${className}` : cardStyle} {...props} />;
}
