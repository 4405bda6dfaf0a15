// npm run bench:retrieval – retrieval latency over a synthetic corpus of 10k and 100k chunks made
// from the shared manuals' text (numbers, codes and models varied per copy), p50/p95 per query,
// with the conversation's machine model set (one manual of 1,000 passages searched) and without
// (all manuals), beside a floor (one indexed word lookup) measured in the same run.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { machine, summary } from './lib';
import { benchDatabase, SHARED_MANUALS } from './setup';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const REPEATS = 5;
const PER_DOCUMENT = 1000;

const QUERIES = [
  'How do I remove the battery?',
  'What does the Magnet Loss! message mean?',
  'Display shows Waiting V+ Power!',
  'E07 discharge temperature high',
  'AT-400-1021 part number',
  'How do I update the BIOS?',
  'Electrostatic discharge precautions',
  'oil change capacity and oil type',
  'belt tension value',
  'compressor will not start after power failure',
  'Phase Line Error',
  'replace the keyboard',
  'dischage temprature too hihg',
  'serial command read encoder value',
  'safety valve blowing',
  'water in the air lines',
  'how to calibrate the motor',
  'power cord requirements',
  'hard drive spare part',
  'RTC battery replacement',
];

/** A copy of a real passage with its numbers and codes changed, so copies are not identical. */
function vary(text: string, i: number): string {
  return text
    .replace(/\d+/g, (n) => String((Number(n) + i) % 10000))
    .replace(/\b([A-Z]{1,3})(\d{2,})\b/g, (_m, p: string, d: string) => `${p}${(Number(d) + i) % 1000}`);
}

async function main() {
  const env = await benchDatabase('fixline_retrieval');
  try {
    const { processManual } = await import('@/lib/knowledge/ingest/pipeline');
    const { insertDocument, replaceDocumentContent } = await import('@/db/queries/knowledge');
    const { searchKnowledge, passageCodes } = await import('@/lib/retrieval');
    const { db } = await import('@/db');

    const files = [
      ...fs
        .readdirSync(SHARED_MANUALS)
        .filter((f) => f.endsWith('.pdf'))
        .map((f) => path.join(SHARED_MANUALS, f)),
      path.resolve(__dirname, '../assets/demo-manual/aerotech-ac-400-service-manual.pdf'),
    ];
    const base: Awaited<ReturnType<typeof processManual>>['chunks'] = [];
    for (const file of files) base.push(...(await processManual(new Uint8Array(fs.readFileSync(file)), 'application/pdf')).chunks);
    console.log(`Machine: ${machine()}\nBase passages from the manuals: ${base.length}\n`);
    console.log(
      '| chunks | machine model | query p50 ms | p95 ms | p99 ms | slowest query p95 ms | floor p95 ms |\n|---|---|---|---|---|---|---|',
    );

    let made = 0;
    for (const size of SIZES) {
      while (made < size) {
        const count = Math.min(PER_DOCUMENT, size - made);
        const doc = await insertDocument({
          title: `Synthetic manual ${made / PER_DOCUMENT + 1}`,
          machineModels: [`SYN-${made / PER_DOCUMENT}`],
          fileName: 'synthetic.pdf',
          mimeType: 'application/pdf',
          sizeBytes: 1,
          sha256: `synthetic-${made}`,
          storageKey: 'synthetic',
          status: 'ready',
        });
        const chunks = Array.from({ length: count }, (_, k) => {
          const c = base[(made + k) % base.length];
          const copy = Math.floor((made + k) / base.length);
          const content = copy ? vary(c.content, copy) : c.content;
          return {
            ordinal: k,
            pageStart: c.pageStart,
            pageEnd: c.pageEnd,
            heading: c.heading,
            content,
            codes: passageCodes(`${c.heading ?? ''} ${content}`),
          };
        });
        await db().transaction((tx) => replaceDocumentContent({ documentId: doc.id, pages: [], chunks, tsConfig: 'english' }, tx));
        made += count;
      }
      await db().execute(sql`analyze`);
      // Warm-up: every statement shape is prepared on the search connections once, as in a running server.
      for (let r = 0; r < 2; r++)
        for (const q of QUERIES) for (const machineModel of ['SYN-3', null]) await searchKnowledge({ query: q, machineModel });
      // The floor: one indexed lookup of a passage by a word, on the same connections, in the same run.
      const floor: number[] = [];
      for (let r = 0; r < QUERIES.length * REPEATS; r++) {
        const t = performance.now();
        await db().execute(sql`select id from knowledge_chunks where tsv @@ 'belt'::tsquery limit 1`);
        floor.push(performance.now() - t);
      }
      for (const machineModel of ['SYN-3', null]) {
        const all: number[] = [];
        let slowest = 0;
        const perQuery: [string, number][] = [];
        for (const q of QUERIES) {
          const times: number[] = [];
          for (let r = 0; r < REPEATS; r++) {
            const t = performance.now();
            await searchKnowledge({ query: q, machineModel });
            times.push(performance.now() - t);
          }
          all.push(...times);
          slowest = Math.max(slowest, summary(times).p95);
          perQuery.push([q, summary(times).p95]);
        }
        const s = summary(all);
        if (process.env.BENCH_VERBOSE) console.error(perQuery.sort((a, b) => b[1] - a[1]).slice(0, 5));
        console.log(
          `| ${size.toLocaleString('en')} | ${machineModel ?? 'none (all manuals)'} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${slowest.toFixed(1)} | ${summary(floor).p95.toFixed(1)} |`,
        );
      }
    }
  } finally {
    if (process.env.BENCH_KEEP_DB) console.log(`kept database: ${process.env.DATABASE_URL}`);
    else await env.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
