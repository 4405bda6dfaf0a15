// A plain page-level BM25, the baseline the product's retrieval is measured against: every PDF
// page is a document, words lower-cased with a crude suffix strip, k1 = 1.2, b = 0.75, no tuning,
// no synonyms, no manual selection. It never declines (any page with a word of the question is an answer).

const STOP = new Set(
  'a an and are as at be by can do does for from how i if in is it my of on or the this to what when where which why with you your'.split(
    ' ',
  ),
);

function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, '') || word;
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w)).map(stem);
}

export interface BaselinePage {
  manual: string;
  page: number;
  text: string;
}

export class Bm25Baseline {
  private docs: { page: BaselinePage; tf: Map<string, number>; length: number }[];
  private df = new Map<string, number>();
  private avg: number;

  constructor(pages: BaselinePage[]) {
    this.docs = pages.map((page) => {
      const tf = new Map<string, number>();
      const ws = words(page.text);
      for (const w of ws) tf.set(w, (tf.get(w) ?? 0) + 1);
      for (const w of tf.keys()) this.df.set(w, (this.df.get(w) ?? 0) + 1);
      return { page, tf, length: ws.length };
    });
    this.avg = this.docs.reduce((n, d) => n + d.length, 0) / Math.max(1, this.docs.length);
  }

  search(query: string, limit = 5): BaselinePage[] {
    const n = this.docs.length;
    const terms = [...new Set(words(query))];
    return this.docs
      .map((d) => {
        let score = 0;
        for (const t of terms) {
          const tf = d.tf.get(t);
          if (!tf) continue;
          const df = this.df.get(t) ?? 0;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.length) / this.avg));
        }
        return { page: d.page, score };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map((s) => s.page);
  }
}
