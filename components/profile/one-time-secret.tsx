'use client';

import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckIcon, CopyIcon } from '@/components/ui/icons';

/** A secret shown this once (a token, a password, an invite link), with a copy button. */
export function OneTimeSecret({ label, value, hint, testId }: { label: string; value: string; hint: string; testId?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin or a refused permission): select it for a manual copy.
      input.current?.select();
      setCopied('select');
    }
  }

  return (
    <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-4" data-testid={testId}>
      <label htmlFor={id} className="text-sm font-medium text-emerald-900">
        {label}
      </label>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="secret-value"
          className="block w-full min-w-0 rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-emerald-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
        <Button variant="secondary" onClick={copy} className="shrink-0">
          {copied === 'yes' ? <CheckIcon className="h-4 w-4" /> : <CopyIcon className="h-4 w-4" />}
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <p className="mt-2 text-xs text-emerald-900" aria-live="polite">
        {copied === 'select' ? 'Selected — press Ctrl+C (or ⌘C) to copy. ' : ''}
        {hint}
      </p>
    </div>
  );
}
