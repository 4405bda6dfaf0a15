import 'server-only';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes } from 'mdast';

/** Inline content as plain words: emphasis and code marks dropped, a link as "text (address)". */
function inline(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'link': {
      const text = node.children.map(inline).join('');
      return text && text !== node.url ? `${text} (${node.url})` : node.url;
    }
    case 'html':
      return node.value.replace(/<[^>]*>/g, '');
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inline).join('') : '';
  }
}

/** Block content, one block per paragraph; list items keep a dash, quotes a "> ". */
function blocks(node: Nodes, prefix = ''): string[] {
  switch (node.type) {
    case 'root':
    case 'blockquote':
      return node.children.flatMap((c) => blocks(c, node.type === 'blockquote' ? `${prefix}> ` : prefix));
    case 'list':
      return [
        node.children
          .map((item, i) => {
            const mark = node.ordered ? `${(node.start ?? 1) + i}. ` : '- ';
            const [first = '', ...rest] = item.children
              .flatMap((c) => blocks(c))
              .join('\n')
              .split('\n');
            return [`${prefix}${mark}${first}`, ...rest.map((l) => `${prefix}   ${l}`)].join('\n');
          })
          .join('\n'),
      ];
    case 'code':
      return [
        node.value
          .split('\n')
          .map((l) => `${prefix}    ${l}`)
          .join('\n'),
      ];
    case 'thematicBreak':
      return [`${prefix}---`];
    case 'table':
      return [node.children.map((row) => prefix + row.children.map(inline).join(' | ')).join('\n')];
    default: {
      const text = inline(node).trim();
      return text
        ? [
            text
              .split('\n')
              .map((l) => prefix + l)
              .join('\n'),
          ]
        : [];
    }
  }
}

/** Markdown as an email's text part reads it: the words, without the markup. */
export function markdownToPlainText(markdown: string): string {
  return blocks(fromMarkdown(markdown)).join('\n\n');
}
