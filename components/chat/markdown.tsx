'use client';

import { lazy, Suspense } from 'react';

export interface MarkdownProps {
  text: string;
  /** Numbers of the sources this answer has; `[n]` markers for them become buttons. */
  citations?: readonly number[];
  onCite?: (n: number) => void;
  streaming?: boolean;
  className?: string;
}

// The renderer (react-markdown, GFM and sanitising: most of the chat's JavaScript) loads with the
// first message shown, not with the page: an empty chat or the sign-in never pay for it.
const MarkdownRenderer = lazy(() => import('./markdown-renderer'));

/** Markdown from the model, manuals or support, sanitised; citation markers become buttons. */
export function Markdown(props: MarkdownProps) {
  return (
    <Suspense
      fallback={
        // The text as written until the renderer is there (a moment, once per page load).
        <div className={`min-w-0 whitespace-pre-wrap break-words text-[15px] leading-7 text-slate-800 ${props.className ?? ''}`}>
          {props.text}
        </div>
      }
    >
      <MarkdownRenderer {...props} />
    </Suspense>
  );
}
