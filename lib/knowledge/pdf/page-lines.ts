import 'server-only';
import type { RawTextItem } from './messages';

/** A line of a page rebuilt from the worker's text runs: its text, baseline and largest font size. */
export interface PageLine {
  text: string;
  y: number;
  size: number;
}

/**
 * Rebuilds the lines of a page from positioned text runs: a new line on an end-of-line mark or a
 * change of baseline, and a space where runs on one line leave a gap.
 */
export function pageLines(items: RawTextItem[]): PageLine[] {
  const lines: PageLine[] = [];
  let current: (PageLine & { endX: number }) | null = null;
  let breakBefore = false;
  for (const [str, x, y, width, size, eol] of items) {
    if (str === '') {
      breakBefore ||= eol;
      continue;
    }
    const sameLine = current && !breakBefore && Math.abs(y - current.y) <= Math.max(current.size, size, 1) * 0.5;
    if (current && sameLine) {
      const gap = x - current.endX;
      if ((gap > size * 0.15 || gap < -size) && !/\s$/.test(current.text) && !/^\s/.test(str)) current.text += ' ';
      current.text += str;
      current.endX = x + width;
      current.size = Math.max(current.size, size);
    } else {
      if (current) lines.push(current);
      current = { text: str, y, size, endX: x + width };
    }
    breakBefore = eol;
  }
  if (current) lines.push(current);
  const cleaned = lines.map((l) => ({ text: l.text.replace(/\s+/g, ' ').trim(), y: l.y, size: l.size })).filter((l) => l.text);
  return placeMarginLines(cleaned);
}

/**
 * Content streams often draw the running header or footer first or last regardless of where it
 * sits. A line far above (or below) everything else is moved to the start (or end), so later
 * steps find it at the edge of the page text.
 */
function placeMarginLines(lines: PageLine[]): PageLine[] {
  const out = [...lines];
  if (out.length >= 3) {
    moveOutlier(out, 'bottom');
    moveOutlier(out, 'top');
  }
  return out;
}

function moveOutlier(lines: PageLine[], edge: 'top' | 'bottom'): void {
  const sign = edge === 'top' ? 1 : -1;
  const [outer, next] = [...lines].sort((a, b) => sign * (b.y - a.y));
  if (sign * (outer.y - next.y) <= outer.size * 1.5) return;
  lines.splice(lines.indexOf(outer), 1);
  if (edge === 'top') lines.unshift(outer);
  else lines.push(outer);
}
