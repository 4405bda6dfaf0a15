// npm run eval:retrieval – the grounding question set (tests/fixtures/grounding) over the shared
// manuals and the demo manual, all uploaded together through the app's own upload and ingestion.
// Per half and per kind: recall@1, recall@5, MRR of the expected page among the cited passages,
// the share of unanswerable questions declined (said to be not covered, with the escalation offer;
// "outright": without quoting even the passages that come close) and of answerable ones wrongly
// declined; the same for a plain page-level BM25 in the same run. Manuals-only retrieval (no model,
// no vectors).
// EVAL_HALF=tune|test limits the run to one half; EVAL_VERBOSE=1 prints every question;
// EVAL_RANKING='{"pageShare":0.2}' overrides ranking parameters (for tuning, on the tuning half).
import { Bm25Baseline } from './bm25-baseline';
import { loadGroundingSet, type GroundingQuestion, type Half } from './grounding-set';
import { machine } from './lib';
import { benchDatabase, ingestFile } from './setup';

interface Outcome {
  question: GroundingQuestion;
  /** 1-based rank of the first cited passage on an expected page, or 0. */
  rank: number;
  declined: boolean;
  /** Declined without citing anything (not even passages that come close). */
  outright: boolean;
}

interface Figures {
  n: number;
  at1: number;
  at5: number;
  mrr: number;
  unanswerable: number;
  declined: number;
  answerable: number;
  wronglyDeclined: number;
  declinedOutright: number;
  wronglyOutright: number;
}

function figures(outcomes: Outcome[]): Figures {
  const answerable = outcomes.filter((o) => o.question.pages.length);
  const unanswerable = outcomes.filter((o) => !o.question.pages.length);
  const share = (k: number, n: number) => (n ? k / n : NaN);
  return {
    n: outcomes.length,
    at1: share(answerable.filter((o) => o.rank === 1).length, answerable.length),
    at5: share(answerable.filter((o) => o.rank >= 1 && o.rank <= 5).length, answerable.length),
    mrr: share(
      answerable.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0),
      answerable.length,
    ),
    unanswerable: unanswerable.length,
    declined: share(unanswerable.filter((o) => o.declined).length, unanswerable.length),
    answerable: answerable.length,
    wronglyDeclined: share(answerable.filter((o) => o.declined).length, answerable.length),
    declinedOutright: share(unanswerable.filter((o) => o.outright).length, unanswerable.length),
    wronglyOutright: share(answerable.filter((o) => o.outright).length, answerable.length),
  };
}

const f2 = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(2));

function row(label: string, system: string, f: Figures): string {
  return `| ${label} | ${system} | ${f.answerable} | ${f2(f.at1)} | ${f2(f.at5)} | ${f2(f.mrr)} | ${f.unanswerable} | ${f2(f.declined)} | ${f2(f.wronglyDeclined)} | ${f2(f.declinedOutright)} | ${f2(f.wronglyOutright)} |`;
}

async function main() {
  const set = loadGroundingSet();
  const only = process.env.EVAL_HALF as Half | undefined;
  const questions = set.questions.filter((q) => !only || q.split === only);
  const env = await benchDatabase('fixline_eval');
  try {
    const docs = new Map<string, string>();
    for (const m of set.manuals) docs.set(m.key, (await ingestFile(m.path, { title: m.title, machineModels: m.machineModels })).id);
    const { searchManuals } = await import('@/lib/retrieval');
    // Tuning only (on the tuning half): try other ranking parameters without editing the code.
    if (process.env.EVAL_RANKING) Object.assign((await import('@/lib/retrieval/rank')).RANKING, JSON.parse(process.env.EVAL_RANKING));
    const { db } = await import('@/db');
    const { knowledgePages } = await import('@/db/schema');
    const keyOf = new Map([...docs].map(([k, id]) => [id, k]));
    const pages = (await db().select().from(knowledgePages)).map((p) => ({
      manual: keyOf.get(p.documentId) ?? '',
      page: p.pageNumber,
      text: p.text,
    }));
    const baseline = new Bm25Baseline(pages);

    const product: Outcome[] = [];
    const dump: unknown[] = [];
    const plain: Outcome[] = [];
    const started = performance.now();
    for (const question of questions) {
      const expected = (manual: string, from: number, to: number) =>
        manual === question.manual && question.pages.some((p) => p >= from && p <= to);
      const result = await searchManuals({
        query: question.q,
        history: question.history,
        machineModel: question.machineModel ?? null,
        limit: 5,
      });
      // A question the manuals are not close to is answered without citations.
      const cited = result.confidence === 'none' ? [] : result.passages;
      const rank = cited.findIndex((r) => expected(keyOf.get(r.documentId) ?? '', r.pageStart, r.pageEnd)) + 1;
      product.push({ question, rank, declined: !result.answerable, outright: result.confidence === 'none' });
      if (process.env.EVAL_DUMP)
        dump.push({
          id: question.id,
          split: question.split,
          kind: question.kind,
          answerable: question.pages.length > 0,
          rank,
          ...result.diagnostics,
        });
      const searchText = [...(question.history ?? []), question.q].join(' ');
      const found = baseline.search(`${searchText} ${question.machineModel ?? ''}`);
      const baseRank = found.findIndex((p) => expected(p.manual, p.page, p.page)) + 1;
      plain.push({ question, rank: baseRank, declined: found.length === 0, outright: found.length === 0 });
      if (process.env.EVAL_VERBOSE) {
        const mark = !question.pages.length
          ? result.answerable
            ? '✗ answered'
            : '✓ declined'
          : rank === 1
            ? '✓'
            : rank
              ? `@${rank}`
              : '✗';
        console.log(
          `${mark.padEnd(10)} ${question.id.padEnd(10)} ${question.q}  → ${result.passages.map((r) => `${keyOf.get(r.documentId)}:${r.pageStart}`).join(', ')} (cov ${result.coverage.toFixed(2)}, ${result.confidence}) want ${question.pages.join(',')}`,
        );
      }
    }
    const ms = (performance.now() - started) / questions.length;
    if (process.env.EVAL_DUMP) (await import('node:fs')).writeFileSync(process.env.EVAL_DUMP, JSON.stringify(dump));

    console.log(`\nMachine: ${machine()}; ${questions.length} questions, ${ms.toFixed(1)} ms per question (both systems)\n`);
    console.log(
      '| half / kind | system | answerable | recall@1 | recall@5 | MRR | unanswerable | declined | answerable declined | declined outright | answerable declined outright |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    const halves: (Half | 'all')[] = only ? [only] : ['tune', 'test', 'all'];
    for (const half of halves) {
      const pick = (o: Outcome[]) => o.filter((x) => half === 'all' || x.question.split === half);
      console.log(row(`**${half}**`, 'Fixline', figures(pick(product))));
      console.log(row(`**${half}**`, 'plain BM25', figures(pick(plain))));
    }
    const kinds = [...new Set(questions.map((q) => q.kind))];
    for (const half of halves.filter((h) => h !== 'all')) {
      for (const kind of kinds) {
        const pick = (o: Outcome[]) => o.filter((x) => x.question.split === half && x.question.kind === kind);
        if (!pick(product).length) continue;
        console.log(row(`${half} / ${kind}`, 'Fixline', figures(pick(product))));
        console.log(row(`${half} / ${kind}`, 'plain BM25', figures(pick(plain))));
      }
    }
    const manuals = [...new Set(questions.map((q) => q.manual))];
    for (const half of halves.filter((h) => h !== 'all')) {
      for (const manual of manuals) {
        const pick = (o: Outcome[]) => o.filter((x) => x.question.split === half && x.question.manual === manual);
        console.log(row(`${half} / ${manual}`, 'Fixline', figures(pick(product))));
        console.log(row(`${half} / ${manual}`, 'plain BM25', figures(pick(plain))));
      }
    }
  } finally {
    await env.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
