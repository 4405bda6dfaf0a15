import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { aiAuditLogs, knowledgeChunks, knowledgeDocuments } from '@/db/schema';
import * as knowledge from '@/app/api/knowledge/route';
import * as one from '@/app/api/knowledge/[id]/route';
import * as file from '@/app/api/knowledge/[id]/file/route';
import * as reindex from '@/app/api/knowledge/[id]/reindex/route';
import * as models from '@/app/api/knowledge/models/route';
import { runNextJob } from '@/lib/knowledge/ingest/job';
import { searchKnowledge } from '@/lib/retrieval';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';
import { encryptedPdf, imageOnlyPdf } from '../helpers/pdfs';
import { withEnv } from '../helpers/env';

const MANUALS = path.resolve(__dirname, '../../../shared/manuals');
const HP = path.join(MANUALS, 'hp-250-g3-notebook-maintenance-service-guide.pdf');
const MKS = path.join(MANUALS, 'mks-servo42c-v1.1.2-user-manual.pdf');

let admin: TestUser;
let tech: TestUser;

function form(files: { name: string; data: Uint8Array; type?: string }[], fields: Record<string, string> = {}): FormData {
  const f = new FormData();
  for (const file of files) f.append('file', new File([file.data as BlobPart], file.name, { type: file.type ?? 'application/pdf' }));
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

async function upload(
  files: { name: string; data: Uint8Array; type?: string }[],
  fields: Record<string, string> = {},
  as: TestUser = admin,
) {
  const body = form(files, fields);
  const res = new Response(body);
  return call(knowledge.POST, {
    method: 'POST',
    as,
    body: await res.arrayBuffer(),
    headers: { 'content-type': res.headers.get('content-type')! },
  });
}

async function drain() {
  while (await runNextJob()) {
    // run every queued ingestion job
  }
}

const countDocs = async () =>
  Number((await db().execute<{ n: number }>(sql`select count(*)::int as n from knowledge_documents`)).rows[0].n);
const uploadsCount = () => {
  const dir = path.join(process.env.DATA_DIR!, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

beforeAll(async () => {
  admin = await makeUser('admin');
  tech = await makeUser('technician');
});

describe('ingesting the real manuals', () => {
  let hpId: string;
  let mksId: string;

  it('uploads both manuals, indexes them in the background, and reports pages and chunks', async () => {
    const res = await upload([{ name: 'hp-250-g3.pdf', data: fs.readFileSync(HP) }], {
      title: 'HP 250 G3 Service Guide',
      machineModels: 'HP 250 G3, HP 256 G3',
    });
    expect(res.status).toBe(201);
    hpId = (await res.json()).documents[0].id;
    const res2 = await upload([{ name: 'mks-servo42c.pdf', data: fs.readFileSync(MKS) }], { machineModels: 'SERVO42C' });
    mksId = (await res2.json()).documents[0].id;
    await drain();
    const list = (await (await call(knowledge.GET, { as: admin })).json()).documents;
    const hp = list.find((d: { id: string }) => d.id === hpId);
    expect(hp).toMatchObject({ status: 'ready', pageCount: 134, pagesDone: 134, machineModels: ['HP 250 G3', 'HP 256 G3'] });
    expect(hp.chunkCount).toBeGreaterThan(100);
    expect(list.find((d: { id: string }) => d.id === mksId)).toMatchObject({ status: 'ready', pageCount: 33 });
  }, 120_000);

  it('keeps page numbers on chunks', async () => {
    const chunks = await db().select().from(knowledgeChunks).where(eq(knowledgeChunks.documentId, hpId));
    expect(Math.min(...chunks.map((c) => c.pageStart))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...chunks.map((c) => c.pageEnd))).toBeLessThanOrEqual(134);
    expect(chunks.some((c) => c.pageStart === 43 && /battery/i.test(c.content))).toBe(true);
  });

  const questions: [string, RegExp, number[], string | null][] = [
    ['How do I remove the battery?', /HP 250/, [43], null],
    ['What does the Magnet Loss! error mean?', /SERVO42C|mks/i, [33], null],
    ['The screen says Waiting V+ Power!', /SERVO42C|mks/i, [33], null],
    ['What does it mean when the AC adapter light is off?', /HP 250/, [15, 16, 17], null],
    ['Phase Line Error on the servo', /SERVO42C|mks/i, [33], 'SERVO42C'],
  ];
  for (const [question, manual, pages, machineModel] of questions) {
    it(`retrieves the right page for "${question}"`, async () => {
      const results = await searchKnowledge({ query: question, machineModel, limit: 5 });
      expect(results.length).toBeGreaterThan(0);
      const hit = results.find((r) => pages.some((p) => p >= r.pageStart && p <= r.pageEnd));
      expect(hit, `pages of top results: ${results.map((r) => `${r.title}:${r.pageStart}`).join(', ')}`).toBeTruthy();
      expect(hit!.title).toMatch(manual);
    });
  }

  it('lists the machine models of ready manuals', async () => {
    const res = await call(models.GET, { as: tech });
    expect((await res.json()).models).toEqual(expect.arrayContaining(['HP 250 G3', 'SERVO42C']));
  });

  it('serves the stored file to signed-in users with safe headers', async () => {
    const res = await call(file.GET, { as: tech, params: { id: mksId } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="mks-servo42c.pdf"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toMatch(/private/);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await call(file.GET, { params: { id: mksId } })).status).toBe(401);
  });

  it('replaces a manual: the old version answers until the new one is ready, then retires', async () => {
    const res = await upload([{ name: 'mks-v2.pdf', data: fs.readFileSync(MKS) }], { replaceId: mksId, version: 'V1.1.2b' });
    expect(res.status).toBe(201);
    const newId = (await res.json()).documents[0].id;
    const [old] = await db().select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, mksId));
    expect(old.status).toBe('ready');
    await drain();
    const [oldAfter] = await db().select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, mksId));
    const [fresh] = await db().select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, newId));
    expect(oldAfter.status).toBe('retired');
    expect(fresh).toMatchObject({ status: 'ready', version: 'V1.1.2b', machineModels: ['SERVO42C'] });
    mksId = newId;
  }, 60_000);

  it('re-indexes one manual and keeps it answering meanwhile', async () => {
    const res = await call(reindex.POST, { as: admin, params: { id: mksId } });
    expect(res.status).toBe(202);
    expect((await res.json()).document).toMatchObject({ status: 'ready', reindexing: true });
    await drain();
    const [doc] = await db().select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, mksId));
    expect(doc.status).toBe('ready');
  }, 60_000);

  it('deletes a manual, its index and its file, and audits it', async () => {
    const before = uploadsCount();
    const res = await call(one.DELETE, { method: 'DELETE', as: admin, params: { id: mksId } });
    expect(res.status).toBe(204);
    expect(await db().$count(knowledgeChunks, eq(knowledgeChunks.documentId, mksId))).toBe(0);
    expect(uploadsCount()).toBe(before - 1);
    const audits = await db().select().from(aiAuditLogs).where(eq(aiAuditLogs.targetId, mksId));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['knowledge.deleted']));
  });
});

describe('bad uploads change nothing', () => {
  const pdf = () => new Uint8Array(fs.readFileSync(MKS));
  const cases: [
    string,
    () => { name: string; data: Uint8Array; type?: string }[] | Promise<{ name: string; data: Uint8Array }[]>,
    number,
    RegExp,
  ][] = [
    [
      'a file that is not a PDF, whatever its name',
      () => [{ name: 'manual.pdf', data: new TextEncoder().encode('MZ\u0090 this is an executable, honest') }],
      415,
      /not a PDF/i,
    ],
    ['an empty file', () => [{ name: 'empty.pdf', data: new Uint8Array() }], 400, /empty/i],
    ['a truncated PDF', () => [{ name: 'truncated.pdf', data: pdf().subarray(0, 40_000) }], 422, /damaged|corrupt|incomplete/i],
    ['an encrypted PDF', async () => [{ name: 'secret.pdf', data: await encryptedPdf() }], 422, /password|encrypted/i],
    ['a scanned PDF without a text layer', async () => [{ name: 'scan.pdf', data: await imageOnlyPdf() }], 422, /no text layer.*OCR/i],
    ['the same file twice', () => [{ name: 'again.pdf', data: fs.readFileSync(HP) }], 409, /already in the knowledge base/i],
  ];

  for (const [what, make, status, message] of cases) {
    it(`refuses ${what} with ${status}`, async () => {
      const [docs, files] = [await countDocs(), uploadsCount()];
      const res = await upload(await make());
      expect(res.status).toBe(status);
      expect((await errorOf(res)).message).toMatch(message);
      expect(await countDocs()).toBe(docs);
      expect(uploadsCount()).toBe(files);
    });
  }

  it('refuses a manual over the page limit with 413', async () => {
    await withEnv({ UPLOAD_MAX_PAGES: '10' }, async () => {
      const docs = await countDocs();
      const res = await upload([{ name: 'long.pdf', data: pdf() }]);
      expect(res.status).toBe(413);
      expect((await errorOf(res)).message).toMatch(/33 pages.*limit is 10/);
      expect(await countDocs()).toBe(docs);
    });
  });

  it('refuses a file over the size limit with 413', async () => {
    await withEnv({ UPLOAD_MAX_MB: '1' }, async () => {
      const res = await upload([{ name: 'big.pdf', data: pdf() }]);
      expect(res.status).toBe(413);
    });
  });

  it('refuses uploads from technicians (403) and requests that are not multipart (415)', async () => {
    const docs = await countDocs();
    expect((await upload([{ name: 'x.pdf', data: pdf() }], {}, tech)).status).toBe(403);
    const res = await call(knowledge.POST, { as: admin, json: { file: 'x' } });
    expect(res.status).toBe(415);
    expect(await countDocs()).toBe(docs);
  });

  it('accepts Markdown manuals', async () => {
    const md =
      '# Pump P-20 quick guide\n\n## Error F3\n\nF3 means the impeller is blocked. Switch off, open the inlet cover and remove debris.\n';
    const res = await upload([{ name: 'p20.md', data: new TextEncoder().encode(md), type: 'text/markdown' }], { machineModels: 'P-20' });
    expect(res.status).toBe(201);
    await drain();
    const hits = await searchKnowledge({ query: 'F3 impeller blocked', machineModel: 'P-20' });
    expect(hits[0]).toMatchObject({ pageStart: 1, title: 'Pump P-20 quick guide' });
  });
});
