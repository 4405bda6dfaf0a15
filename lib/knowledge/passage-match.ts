// Finds a cited passage among the text items of a rendered PDF page (pdf.js text-layer spans),
// so the viewer can highlight it. Pure: runs in the browser, tested in Node.

/** Words of a text: lower case, letters and digits only; ligatures and full-width forms unfolded. */
export function passageWords(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

export interface MatchOptions {
  /** Passage words a run must cover to count; shorter passages need all their words. */
  minRun?: number;
}

/**
 * Indexes of the page items that belong to the passage. A page word belongs when it starts or
 * continues a run of at least `minRun` consecutive passage words in the same order, and each
 * passage word matches one page word at most. The stored
 * passage was cleaned (hyphenation joined, headers and footers removed, spaces collapsed), so a
 * passage word may be split over two page words ("tempera-" "ture") and runs may break anywhere.
 * An item is highlighted when at least half of its words belong.
 */
export function matchPassage(items: readonly string[], passage: string, { minRun = 4 }: MatchOptions = {}): number[] {
  const target = passageWords(passage);
  if (!target.length) return [];
  const page: { word: string; item: number }[] = [];
  items.forEach((text, item) => {
    for (const word of passageWords(text)) page.push({ word, item });
  });

  const positions = new Map<string, number[]>();
  target.forEach((word, j) => {
    const list = positions.get(word);
    if (list) list.push(j);
    else positions.set(word, [j]);
  });

  // Every run that starts at a page word, longest first: the longest are surely the passage.
  // Each passage word is claimed once, so a phrase the page repeats elsewhere (a table's column
  // headings, a warning) is not highlighted twice.
  const needed = Math.min(minRun, target.length);
  const runs: Run[] = [];
  for (let i = 0; i < page.length; i += 1) {
    const starts = [
      ...(positions.get(page[i].word) ?? []),
      ...(i + 1 < page.length ? (positions.get(page[i].word + page[i + 1].word) ?? []) : []),
    ];
    for (const j of starts) {
      const run = extend(page, target, i, j);
      if (run.to - run.from >= needed) runs.push(run);
    }
  }
  runs.sort((a, b) => b.to - b.from - (a.to - a.from) || a.start - b.start || a.from - b.from);
  const matched = new Uint8Array(page.length);
  const claimed = new Uint8Array(target.length);
  for (const run of runs) {
    if (matched.subarray(run.start, run.end).some(Boolean) || claimed.subarray(run.from, run.to).some(Boolean)) continue;
    matched.fill(1, run.start, run.end);
    claimed.fill(1, run.from, run.to);
  }

  const total = new Map<number, number>();
  const hits = new Map<number, number>();
  page.forEach(({ item }, i) => {
    total.set(item, (total.get(item) ?? 0) + 1);
    if (matched[i]) hits.set(item, (hits.get(item) ?? 0) + 1);
  });
  return [...hits.entries()]
    .filter(([item, n]) => n * 2 >= total.get(item)!)
    .map(([item]) => item)
    .sort((a, b) => a - b);
}

/** Page words [start, end) agreeing with passage words [from, to). */
interface Run {
  start: number;
  end: number;
  from: number;
  to: number;
}

/** Follows page words from `i` and passage words from `j` while they agree. */
function extend(page: { word: string }[], target: string[], i: number, j: number): Run {
  const start = i;
  const from = j;
  while (i < page.length && j < target.length) {
    const word = page[i].word;
    if (word === target[j]) {
      i += 1;
      j += 1;
    } else if (i + 1 < page.length && word + page[i + 1].word === target[j]) {
      // Split on the page: a hyphenated line break, or a word set in two spans.
      i += 2;
      j += 1;
    } else if (j + 1 < target.length && target[j] + target[j + 1] === word) {
      i += 1;
      j += 2;
    } else {
      break;
    }
  }
  return { start, end: i, from, to: j };
}
