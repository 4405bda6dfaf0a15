// npm run bench:ingest – pages per second for the shared manuals and the demo manual: text
// extraction alone, and the whole ingestion (extract, clean, chunk, index in Postgres).
import fs from 'node:fs';
import path from 'node:path';
import { machine } from './lib';
import { benchDatabase, ingestFile, SHARED_MANUALS } from './setup';

async function main() {
  const files = [
    ...fs.readdirSync(SHARED_MANUALS).filter((f) => f.endsWith('.pdf')).map((f) => path.join(SHARED_MANUALS, f)),
    path.resolve(__dirname, '../assets/demo-manual/aerotech-ac-400-service-manual.pdf'),
  ];
  const env = await benchDatabase('fixline_ingest');
  try {
    const { processManual } = await import('@/lib/knowledge/pipeline');
    const { db } = await import('@/db');
    const { knowledgeDocuments } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    console.log(`Machine: ${machine()}\n| manual | pages | extract+clean+chunk pages/s | full ingestion pages/s | chunks |\n|---|---|---|---|---|`);
    for (const file of files) {
      const data = new Uint8Array(fs.readFileSync(file));
      await processManual(data, 'application/pdf'); // warm-up (worker start, pdf.js load)
      const runs = 3;
      let t = performance.now();
      let pages = 0;
      for (let i = 0; i < runs; i++) pages = (await processManual(data, 'application/pdf')).pageCount;
      const extractRate = (pages * runs) / ((performance.now() - t) / 1000);
      t = performance.now();
      const doc = await ingestFile(file);
      const fullRate = pages / ((performance.now() - t) / 1000);
      const [row] = await db().select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, doc.id));
      console.log(`| ${path.basename(file)} | ${pages} | ${extractRate.toFixed(0)} | ${fullRate.toFixed(0)} | ${row.chunkCount} |`);
    }
  } finally {
    await env.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
