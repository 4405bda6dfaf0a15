// npm run eval:retrieval – recall@1 and recall@5 of the expected page for the question set in
// tests/fixtures/retrieval-questions.json, over the shared test manuals.
import fs from 'node:fs';
import path from 'node:path';
import { benchDatabase, ingestFile, SHARED_MANUALS } from './setup';

interface Question {
  q: string;
  manual: string;
  pages: number[];
}

async function main() {
  const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../tests/fixtures/retrieval-questions.json'), 'utf8')) as { manuals: Record<string, string>; questions: Question[] };
  const env = await benchDatabase('fixline_eval');
  try {
    const docs: Record<string, string> = {};
    for (const [key, file] of Object.entries(fixture.manuals)) docs[key] = (await ingestFile(path.join(SHARED_MANUALS, file), { title: key })).id;
    const { searchKnowledge } = await import('@/lib/retrieval');
    let at1 = 0;
    let at5 = 0;
    for (const question of fixture.questions) {
      const results = await searchKnowledge({ query: question.q, limit: 5 });
      const hits = results.map((r) => r.documentId === docs[question.manual] && question.pages.some((p) => p >= r.pageStart && p <= r.pageEnd));
      if (hits[0]) at1++;
      if (hits.some(Boolean)) at5++;
      const rank = hits.indexOf(true);
      console.log(`${rank === 0 ? '✓' : rank > 0 ? `@${rank + 1}` : '✗'}  ${question.q}  → ${results.map((r) => `${r.title}:${r.pageStart}`).join(', ')}`);
    }
    const n = fixture.questions.length;
    console.log(`\nrecall@1 ${(at1 / n).toFixed(2)} (${at1}/${n})   recall@5 ${(at5 / n).toFixed(2)} (${at5}/${n})`);
  } finally {
    await env.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
