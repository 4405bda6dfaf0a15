import fs from 'node:fs';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { ingestionJobs, knowledgeChunks, knowledgeDocuments, knowledgePages } from '@/db/schema';
import { claimJob } from '@/db/queries/knowledge';
import { forgetHandedOver, handoverStats } from '@/lib/knowledge/ingest/handover';
import { storagePath } from '@/lib/knowledge/storage';
import { uploadManual } from '@/lib/knowledge/upload';
import { runNextJob } from '@/lib/knowledge/ingest/job';
import { renderPdf } from '../helpers/pdfs';

const PARTS = [
  ['condenser fan', 'stalls', 'Switch off the chiller, wait for the blades to stop and clear the guard.'],
  ['coolant pump', 'runs dry', 'Top up the reservoir with glycol mix and bleed air at the upper valve.'],
  ['expansion valve', 'sticks open', 'Replace the valve cartridge; torque the bonnet to twelve newton metres.'],
  ['compressor', 'overheats', 'Check the suction pressure and clean the oil cooler fins with low air.'],
  ['flow switch', 'chatters', 'Tighten the paddle screw and confirm the pipe is completely filled.'],
  ['control board', 'resets', 'Inspect the mains connector and reseat the ribbon cable to the display.'],
];

/** A small service manual of its own (unique text, so it is never a duplicate of another test's). */
function serviceManual(pages = 6): Promise<Uint8Array> {
  const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
  return renderPdf({ size: 'A4' }, (doc) => {
    for (let p = 1; p <= pages; p++) {
      const [part, fault, fix] = PARTS[(p - 1) % PARTS.length];
      if (p > 1) doc.addPage();
      doc.fontSize(9).text(`Glacier GX-${tag} chiller – service manual`, 50, 30);
      doc.fontSize(16).text(`The ${part}`, 50, 80);
      doc.fontSize(11).text(`When the ${part} ${fault}, the display shows code G${p}${tag}. ${fix} `.repeat(3));
      doc.fontSize(9).text(String(p), 290, 740, { lineBreak: false });
    }
  });
}

const created: string[] = [];

async function upload(data: Uint8Array) {
  const doc = await uploadManual({ data, fileName: 'glacier-chiller.pdf', machineModels: ['GX'] }, null);
  created.push(doc.id);
  return doc;
}

async function drain() {
  while (await runNextJob()) {
    // run every queued ingestion job
  }
}

const documentRow = async (id: string) => (await db().select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, id)))[0];
const chunksOf = async (id: string) =>
  (await db().select().from(knowledgeChunks).where(eq(knowledgeChunks.documentId, id)).orderBy(knowledgeChunks.ordinal)).map((c) => [
    c.pageStart,
    c.pageEnd,
    c.heading,
    c.content,
  ]);
const pagesOf = async (id: string) =>
  (await db().select().from(knowledgePages).where(eq(knowledgePages.documentId, id)).orderBy(knowledgePages.pageNumber)).map((p) => [
    p.pageNumber,
    p.text,
  ]);

afterAll(async () => {
  const docs = created.length ? await db().delete(knowledgeDocuments).where(inArray(knowledgeDocuments.id, created)).returning() : [];
  for (const d of docs) fs.rmSync(storagePath(d.storageKey), { force: true });
});

describe('ingestion after an upload check', () => {
  it('indexes the pages checked at upload without reading the stored file again', async () => {
    const doc = await upload(await serviceManual());
    expect(handoverStats().entries).toBeGreaterThanOrEqual(1);
    // Were the job to read the file, it would fail now.
    fs.rmSync(storagePath(doc.storageKey));
    await drain();
    const row = await documentRow(doc.id);
    expect(row).toMatchObject({ status: 'ready', pageCount: 6, pagesDone: 6, error: null });
    expect(row.chunkCount).toBeGreaterThan(0);
    expect(handoverStats().entries).toBe(0);
  });

  it('reads the stored file when nothing was handed over (restart), with the same index', async () => {
    const doc = await upload(await serviceManual());
    await drain();
    const [chunks, pages] = [await chunksOf(doc.id), await pagesOf(doc.id)];
    // Re-indexing has nothing handed over: the job reads and processes the stored file.
    await db().insert(ingestionJobs).values({ documentId: doc.id });
    await drain();
    expect(await documentRow(doc.id)).toMatchObject({ status: 'ready', pageCount: 6, error: null });
    expect(await chunksOf(doc.id)).toEqual(chunks);
    expect(await pagesOf(doc.id)).toEqual(pages);
    // Page numbers and cleaning hold either way: page 3 is the third page, the running header is gone.
    expect(pages[2][1]).toMatch(/^# The expansion valve\n\nWhen the expansion valve sticks open, the display shows code G3/);
    expect(pages.every(([, text]) => !String(text).includes('service manual'))).toBe(true);
  });

  it('finishes a job whose worker died mid-way (restart during ingestion) from the stored file', async () => {
    const doc = await upload(await serviceManual(4));
    // A worker claims the job and dies: its lease runs out, and nothing it held in memory survives.
    const claimed = await claimJob({ workerId: 'crashed-instance', leaseSeconds: 120 });
    expect(claimed?.documentId).toBe(doc.id);
    forgetHandedOver();
    await db()
      .update(ingestionJobs)
      .set({ lockedAt: sql`now() - interval '10 minutes'` })
      .where(eq(ingestionJobs.id, claimed!.id));
    await drain();
    expect(await documentRow(doc.id)).toMatchObject({ status: 'ready', pageCount: 4, pagesDone: 4, error: null });
    const [job] = await db().select().from(ingestionJobs).where(eq(ingestionJobs.id, claimed!.id));
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
  });
});

describe('re-indexing a ready manual', () => {
  it('reports the pages read so far while the manual stays ready, then all of them', async () => {
    const doc = await upload(await serviceManual(40));
    await drain();
    await db().insert(ingestionJobs).values({ documentId: doc.id });
    await db().update(knowledgeDocuments).set({ pagesDone: 0 }).where(eq(knowledgeDocuments.id, doc.id));
    // What the knowledge page's polling would see while the job reads the stored file.
    const seen: { status: string; pagesDone: number }[] = [];
    let running = true;
    const watcher = (async () => {
      while (running) {
        const row = await documentRow(doc.id);
        seen.push({ status: row.status, pagesDone: row.pagesDone });
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await drain();
    running = false;
    await watcher;
    expect(seen.every((s) => s.status === 'ready')).toBe(true);
    expect(seen.some((s) => s.pagesDone > 0 && s.pagesDone < 40)).toBe(true);
    expect(await documentRow(doc.id)).toMatchObject({ status: 'ready', pageCount: 40, pagesDone: 40, error: null });
  });
});
