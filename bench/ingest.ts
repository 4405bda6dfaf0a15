// npm run bench:ingest – pages per second through the real ingestion code, for the shared manuals
// and the demo manual: the pipeline alone (extract, clean, chunk), and upload→ready (upload check,
// store, queue, background job, index swap in Postgres), also as after a restart, when the job
// has no checked pages handed over and reads the stored file again. Medians of repeated runs.
import fs from 'node:fs';
import path from 'node:path';
import { machine } from './lib';
import { benchDatabase, SHARED_MANUALS } from './setup';

const RUNS = { pipeline: 5, full: 3 } as const;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rate = (pages: number, ms: number) => (pages / (ms / 1000)).toFixed(0);

async function main() {
  const files = [
    ...fs
      .readdirSync(SHARED_MANUALS)
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => path.join(SHARED_MANUALS, f)),
    path.resolve(__dirname, '../assets/demo-manual/aerotech-ac-400-service-manual.pdf'),
  ];
  const env = await benchDatabase('fixline_ingest');
  try {
    const { processManual } = await import('@/lib/knowledge/ingest/pipeline');
    const { uploadManual } = await import('@/lib/knowledge/upload');
    const { runNextJob } = await import('@/lib/knowledge/ingest/job');
    const { forgetHandedOver } = await import('@/lib/knowledge/ingest/handover');
    const { removeUpload } = await import('@/lib/knowledge/storage');
    const { deleteDocument } = await import('@/db/queries/knowledge');
    const { stopPdfReaders } = await import('@/lib/knowledge/pdf/reader-pool');

    /** One upload through to a ready index; the document is removed again afterwards. */
    const ingest = async (file: string, { restart }: { restart: boolean }) => {
      const data = new Uint8Array(fs.readFileSync(file));
      const t0 = performance.now();
      const doc = await uploadManual({ data, fileName: path.basename(file) }, null);
      const t1 = performance.now();
      if (restart) forgetHandedOver(doc.id);
      while (await runNextJob()) {
        // drain
      }
      const t2 = performance.now();
      const removed = await deleteDocument({ id: doc.id });
      if (removed?.status !== 'ready') throw new Error(`${path.basename(file)} did not become ready: ${removed?.error}`);
      await removeUpload(removed.storageKey);
      return { upload: t1 - t0, job: t2 - t1, total: t2 - t0, chunks: removed.chunkCount };
    };

    // The first document after start pays for the reader thread, loading pdf.js and unoptimised code.
    let t = performance.now();
    const first = await processManual(new Uint8Array(fs.readFileSync(files[0])), 'application/pdf');
    const coldMs = performance.now() - t;

    console.log(`Machine: ${machine()}`);
    console.log(
      `First document after start (cold reader): ${path.basename(files[0])}, ${first.pageCount} pages in ${coldMs.toFixed(0)} ms = ${rate(first.pageCount, coldMs)} pages/s`,
    );
    console.log(
      '\n| manual | pages | pipeline pages/s | upload→ready pages/s | upload check + job ms | upload→ready after restart pages/s | job after restart ms | chunks |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const file of files) {
      const data = new Uint8Array(fs.readFileSync(file));
      let pages = 0;
      const pipeline: number[] = [];
      for (let i = 0; i < RUNS.pipeline; i++) {
        t = performance.now();
        pages = (await processManual(data, 'application/pdf')).pageCount;
        pipeline.push(performance.now() - t);
      }
      const full: Awaited<ReturnType<typeof ingest>>[] = [];
      const restarted: Awaited<ReturnType<typeof ingest>>[] = [];
      for (let i = 0; i < RUNS.full; i++) full.push(await ingest(file, { restart: false }));
      for (let i = 0; i < RUNS.full; i++) restarted.push(await ingest(file, { restart: true }));
      const mid = full.find((r) => r.total === median(full.map((x) => x.total)))!;
      const midRestart = restarted.find((r) => r.total === median(restarted.map((x) => x.total)))!;
      console.log(
        `| ${path.basename(file)} | ${pages} | ${rate(pages, median(pipeline))} | ${rate(pages, mid.total)} | ${mid.upload.toFixed(0)} + ${mid.job.toFixed(0)} | ${rate(pages, midRestart.total)} | ${midRestart.job.toFixed(0)} | ${mid.chunks} |`,
      );
    }
    console.log(`\nMedians of ${RUNS.pipeline} pipeline runs and ${RUNS.full} upload→ready runs per manual, after the cold start above.`);
    await stopPdfReaders();
  } finally {
    await env.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
