import type { ConsentData } from './types';

/** The points of the consent notice, as the user reads them before agreeing. */
export function ConsentNotice({ text, className = '' }: { text: ConsentData['text']; className?: string }) {
  return (
    <dl className={`grid gap-x-6 gap-y-2 text-sm leading-6 ${className}`}>
      {text.points.map((p) => (
        <div key={p.heading}>
          <dt className="font-medium text-slate-900">{p.heading}</dt>
          <dd className="text-slate-600">{p.text}</dd>
        </div>
      ))}
    </dl>
  );
}
