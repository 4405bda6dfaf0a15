// Markdown (answers, summaries, manual passages) for surfaces that read it: plain text where
// the surface shows text as it is (an email's text part, a quoted passage), sanitised HTML where
// it renders HTML (an email's HTML part). The chat and the escalation page render it with
// components/chat/markdown.tsx.
import type { List, Nodes, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import stripMarkdown from 'strip-markdown';
import { unified } from 'unified';

/** Code keeps its text and a table its cells (strip-markdown would drop both). */
const asParagraph = (node: Nodes) => ({ type: 'paragraph', children: [{ type: 'text', value: 'value' in node ? node.value : '' }] });
const tableRows = (node: Table) =>
  node.children.map((row) => ({
    type: 'paragraph',
    children: [{ type: 'text', value: row.children.map((cell) => toString(cell).trim()).join(' | ') }],
  }));

/** A link keeps its address where it differs from its text: a reader of plain text can still follow it. */
const linkText = (node: Nodes) => {
  const text = toString(node);
  const url = 'url' in node ? node.url : '';
  return { type: 'text', value: url && url !== text && /^(https?|mailto):/i.test(url) ? `${text} (${url})` : text };
};

const stripper = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(stripMarkdown, {
    keep: ['list', 'listItem'],
    remove: [
      ['code', asParagraph as never],
      ['table', tableRows as never],
      ['link', linkText as never],
    ],
  });

const INDENT = '   ';

function blockText(nodes: RootContent[], depth: number): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === 'list') out.push(listText(node, depth));
    else {
      const text = toString(node).trim();
      if (text) out.push(text.replace(/\n/g, `\n${INDENT.repeat(depth)}`));
    }
  }
  return out;
}

function listText(list: List, depth: number): string {
  const pad = INDENT.repeat(depth);
  return list.children
    .map((item, i) => {
      const marker = list.ordered ? `${(list.start ?? 1) + i}.` : '-';
      const [first = '', ...rest] = blockText(item.children, depth + 1);
      return [`${pad}${marker} ${first}`, ...rest.map((b) => (b.startsWith(pad) ? b : `${INDENT.repeat(depth + 1)}${b}`))].join('\n');
    })
    .join('\n');
}

/**
 * Markdown as plain text: no emphasis marks, heading or quote markers, escapes or HTML; lists keep
 * their bullets and numbers, code its text, tables a line per row, links their address; blocks are separated by a blank line.
 */
export function markdownToText(markdown: string): string {
  const tree = stripper.runSync(stripper.parse(markdown)) as Root;
  return blockText(tree.children, 0).join('\n\n');
}

/** Markdown as one line of plain text, for short quotes. */
export function markdownToLine(markdown: string): string {
  return markdownToText(markdown).replace(/\s+/g, ' ').trim();
}

// The chat's sanitising (GitHub's, minus images and with only web and mail links).
const schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => t !== 'img' && t !== 'picture' && t !== 'source'),
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
};

const toHtml = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize, schema).use(rehypeStringify);

/** Markdown as sanitised HTML (raw HTML in it is dropped, links only to web and mail addresses). */
export function markdownToHtml(markdown: string): string {
  return String(toHtml.processSync(markdown));
}
