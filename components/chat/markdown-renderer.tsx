'use client';

import { memo, useMemo } from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { isSafeHref, splitCitationMarkers } from '@/lib/client/chat/format';
import type { MarkdownProps } from './markdown';

// GitHub-style sanitising, minus images (no requests to other hosts) and with only web and mail links.
const schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => t !== 'img' && t !== 'picture' && t !== 'source'),
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** Turns `[n]` in the (already sanitised) text into citation markers; runs after rehype-sanitize. */
function rehypeCitations({ known }: { known: ReadonlySet<number> }) {
  const visit = (node: HastNode) => {
    if (!node.children || (node.type === 'element' && ['a', 'code', 'pre', 'sup'].includes(node.tagName ?? ''))) return;
    node.children = node.children.flatMap((child): HastNode[] => {
      if (child.type !== 'text' || !child.value) {
        visit(child);
        return [child];
      }
      const parts = splitCitationMarkers(child.value, known);
      if (parts.length === 1 && typeof parts[0] === 'string') return [child];
      return parts.map((p) =>
        typeof p === 'string'
          ? { type: 'text', value: p }
          : { type: 'element', tagName: 'sup', properties: { dataCite: p.refs.join(',') }, children: [{ type: 'text', value: p.raw }] },
      );
    });
  };
  return (tree: HastNode) => visit(tree);
}

const baseComponents: Components = {
  a: ({ href, children }) =>
    isSafeHref(href) ? (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        className="font-medium text-brand-700 underline decoration-brand-300 underline-offset-2 hover:decoration-brand-600"
      >
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  table: ({ children }) => (
    <div className="my-3 overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full border-collapse text-left text-sm">{children}</table>
    </div>
  ),
  th: ({ children }) => <th className="border-b border-slate-200 bg-slate-50 px-3 py-2 font-semibold text-slate-700">{children}</th>,
  td: ({ children }) => <td className="border-b border-slate-100 px-3 py-2 align-top">{children}</td>,
};

const proseClasses =
  'min-w-0 break-words text-[15px] leading-7 text-slate-800 [&_blockquote]:my-3 [&_blockquote]:border-l-2 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600 [&_blockquote_:is(h1,h2,h3,h4,h5,h6)]:my-0 [&_blockquote_:is(h1,h2,h3,h4,h5,h6)]:text-[15px] [&_blockquote_:is(h1,h2,h3,h4,h5,h6)]:font-normal [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:text-[13px] [&_h1]:mt-4 [&_h1]:mb-2 [&_h1]:text-base [&_h1]:font-semibold [&_h2]:mt-4 [&_h2]:mb-2 [&_h2]:text-base [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:mb-1 [&_h3]:font-semibold [&_hr]:my-4 [&_hr]:border-slate-200 [&_li]:my-1 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:my-2 [&_pre]:my-3 [&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-slate-900 [&_pre]:p-3 [&_pre]:text-slate-100 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_pre_code]:text-slate-100 [&_strong]:font-semibold [&_strong]:text-slate-900 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&>:first-child]:mt-0 [&>:last-child]:mb-0';

// The blinking caret sits at the end of the last block while the answer is written.
const caretClasses =
  "[&>:last-child]:after:ml-0.5 [&>:last-child]:after:inline-block [&>:last-child]:after:animate-pulse [&>:last-child]:after:font-normal [&>:last-child]:after:text-brand-600 [&>:last-child]:after:content-['▍']";

/** Markdown from the model, manuals or support, sanitised; citation markers become buttons. */
const MarkdownRenderer = memo(function MarkdownRenderer({ text, citations, onCite, streaming = false, className = '' }: MarkdownProps) {
  const key = citations?.join(',') ?? '';
  const rehypePlugins = useMemo<Options['rehypePlugins']>(() => {
    const known = new Set(key ? key.split(',').map(Number) : []);
    return known.size
      ? [
          [rehypeSanitize, schema],
          [rehypeCitations, { known }],
        ]
      : [[rehypeSanitize, schema]];
  }, [key]);

  const components = useMemo<Components>(
    () => ({
      ...baseComponents,
      sup: (props) => {
        const refs = String((props as Record<string, unknown>)['data-cite'] ?? '');
        if (!refs) return <sup>{props.children}</sup>;
        return (
          <sup className="relative -top-0.5 mx-0.5 inline-flex gap-0.5 align-baseline">
            {refs.split(',').map((n) => (
              <button
                key={n}
                type="button"
                onClick={() => onCite?.(Number(n))}
                aria-label={`Source ${n}`}
                data-testid="citation-marker"
                className="inline-flex h-4 min-w-4 items-center justify-center rounded bg-brand-50 px-1 text-[11px] leading-none font-semibold text-brand-700 ring-1 ring-brand-100 hover:bg-brand-100"
              >
                {n}
              </button>
            ))}
          </sup>
        );
      },
    }),
    [onCite],
  );

  return (
    <div className={`${proseClasses} ${streaming ? caretClasses : ''} ${className}`}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={rehypePlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
});

export default MarkdownRenderer;
