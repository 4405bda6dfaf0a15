import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import * as knowledge from '@/app/api/knowledge/route';
import { call, errorOf, makeUser, ORIGIN, type TestUser } from '../helpers/api';
import { withEnv } from '../helpers/env';
import { serveRoute, streamUpload } from '../helpers/route-server';

const MKS = path.resolve(__dirname, '../../../shared/manuals/mks-servo42c-v1.1.2-user-manual.pdf');
const MB = 1024 * 1024;
const BOUNDARY = '----fixline-upload-test';

let admin: TestUser;
let server: Awaited<ReturnType<typeof serveRoute>>;

const countDocs = async () =>
  Number((await db().execute<{ n: number }>(sql`select count(*)::int as n from knowledge_documents`)).rows[0].n);
const uploadsCount = () => {
  const dir = path.join(process.env.DATA_DIR!, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

/** A multipart body with one file of `fileBytes` bytes, made piece by piece (offset → the next bytes). */
function oneFileBody(fileBytes: number) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const filler = Buffer.alloc(256 * 1024, 'x');
  const total = head.byteLength + fileBytes + tail.byteLength;
  const chunk = (offset: number) => {
    if (offset < head.byteLength) return head.subarray(offset);
    if (offset >= total - tail.byteLength) return tail.subarray(offset - (total - tail.byteLength));
    return filler.subarray(0, Math.min(filler.byteLength, total - tail.byteLength - offset));
  };
  return { total, chunk };
}

const headers = (extra: Record<string, string> = {}) => ({
  'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
  cookie: admin.cookie,
  origin: ORIGIN,
  ...extra,
});

async function upload(files: { name: string; data: Uint8Array; type?: string }[], fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const file of files) form.append('file', new File([file.data as BlobPart], file.name, { type: file.type ?? 'application/pdf' }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = new Response(form);
  return call(knowledge.POST, {
    method: 'POST',
    as: admin,
    body: await res.arrayBuffer(),
    headers: { 'content-type': res.headers.get('content-type')! },
  });
}

beforeAll(async () => {
  admin = await makeUser('admin');
  server = await serveRoute(knowledge.POST);
});

afterAll(() => server.close());

describe('an oversized upload is refused as it arrives', () => {
  it('answers 413 once a file passes the per-file limit, long before the body is sent, without holding it', async () => {
    await withEnv({ UPLOAD_MAX_MB: '2' }, async () => {
      const [docs, files] = [await countDocs(), uploadsCount()];
      const body = oneFileBody(400 * MB);
      global.gc?.();
      const before = process.memoryUsage();
      const res = await streamUpload(server.url, headers(), body.total, body.chunk);
      const after = process.memoryUsage();
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error).toMatchObject({ code: 'payload_too_large', message: '"huge.pdf" is larger than the 2 MB limit.' });
      // Refused after about the limit, not after the 400 MB (nor the 41 MB request limit).
      expect(res.sentBeforeAnswer).toBeLessThan(12 * MB);
      expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(32 * MB);
      expect(after.rss - before.rss).toBeLessThan(96 * MB);
      expect(await countDocs()).toBe(docs);
      expect(uploadsCount()).toBe(files);
    });
  });

  it('answers 413 once the request passes its limit, whatever it carries', async () => {
    await withEnv({ UPLOAD_MAX_MB: '1' }, async () => {
      // 21 MB allowed for the request; this one sends 200 MB of preamble before any part.
      const filler = Buffer.alloc(256 * 1024, 'y');
      const res = await streamUpload(server.url, headers(), 200 * MB, () => filler);
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body).error.message).toMatch(/larger than the 21 MB limit of one request/);
      expect(res.sentBeforeAnswer).toBeLessThan(32 * MB);
    });
  });

  it('answers 413 at once when the declared length is over the request limit', async () => {
    await withEnv({ UPLOAD_MAX_MB: '1' }, async () => {
      const body = oneFileBody(500 * MB);
      const res = await streamUpload(server.url, headers({ 'content-length': String(body.total) }), body.total, body.chunk);
      expect(res.status).toBe(413);
      expect(res.sentBeforeAnswer).toBeLessThan(8 * MB);
    });
  });

  it('accepts a manual streamed just like that', async () => {
    const data = fs.readFileSync(MKS);
    const head = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="machineModels"\r\n\r\nSERVO42C\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="Servo-Anleitung-\u00fc.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const body = Buffer.concat([head, data, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    const res = await streamUpload(server.url, headers(), body.byteLength, (offset) => body.subarray(offset, offset + 64 * 1024));
    expect(res.status).toBe(201);
    const [doc] = JSON.parse(res.body).documents;
    expect(doc).toMatchObject({ fileName: 'Servo-Anleitung-\u00fc.pdf', machineModels: ['SERVO42C'], sizeBytes: data.byteLength });
  });
});

describe('a refused upload stores nothing of itself', () => {
  const pdf = () => new Uint8Array(fs.readFileSync(MKS));
  const text = (s: string) => new TextEncoder().encode(s);

  it('refuses the whole upload when one of its files is over the size limit', async () => {
    await withEnv({ UPLOAD_MAX_MB: '1' }, async () => {
      const small = text('# Pump P-30 guide\n\n## Error F1\n\nF1 means low water pressure. Open the supply valve fully.\n');
      const [docs, files] = [await countDocs(), uploadsCount()];
      const res = await upload([
        { name: 'p30.md', data: small, type: 'text/markdown' },
        { name: 'big.pdf', data: pdf() },
      ]);
      expect(res.status).toBe(413);
      expect((await errorOf(res)).message).toBe('"big.pdf" is larger than the 1 MB limit.');
      expect(await countDocs()).toBe(docs);
      expect(uploadsCount()).toBe(files);
    });
  });

  it('refuses the whole upload when a later file fails its checks', async () => {
    const good = text('# Pump P-40 guide\n\n## Error F2\n\nF2 means the motor is too hot. Let it cool for ten minutes.\n');
    const [docs, files] = [await countDocs(), uploadsCount()];
    const res = await upload([
      { name: 'p40.md', data: good, type: 'text/markdown' },
      { name: 'setup.pdf', data: text('MZ\u0090 not a manual') },
    ]);
    expect(res.status).toBe(415);
    expect((await errorOf(res)).message).toMatch(/setup\.pdf/);
    expect(await countDocs()).toBe(docs);
    expect(uploadsCount()).toBe(files);
  });

  it('refuses the same file twice in one upload', async () => {
    const same = text('# Pump P-50 guide\n\n## Error F4\n\nF4 means the filter is clogged. Clean the filter.\n');
    const docs = await countDocs();
    const res = await upload([
      { name: 'a.md', data: same, type: 'text/markdown' },
      { name: 'b.md', data: same, type: 'text/markdown' },
    ]);
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/"b\.md" is the same file as "a\.md"/);
    expect(await countDocs()).toBe(docs);
  });

  it.each([
    [
      'more than 20 files',
      () => Array.from({ length: 21 }, (_, i) => ({ name: `m${i}.md`, data: text(`# Manual ${i}\n\nText ${i}.\n`) })),
      {},
      400,
      /at most 20 files/,
    ],
    ['no file at all', () => [], { title: 'x' }, 400, /at least one file/],
    [
      'a form field over 64 KB',
      () => [{ name: 'x.md', data: text('# X\n\nText.\n') }],
      { title: 'x'.repeat(70_000) },
      413,
      /"title" is longer than 64 KB/,
    ],
    ['a NUL in a field', () => [{ name: 'x.md', data: text('# X\n\nText.\n') }], { version: 'a\u0000b' }, 400, /NUL/],
  ] as const)('refuses %s', async (_, files, fields, status, message) => {
    const docs = await countDocs();
    const res = await upload(files(), fields);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).message).toMatch(message);
    expect(await countDocs()).toBe(docs);
  });

  it('refuses a body that is not complete multipart', async () => {
    const cut = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\n\r\n# A\n`;
    const res = await call(knowledge.POST, {
      as: admin,
      body: cut,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/multipart/);
    const noBoundary = await call(knowledge.POST, { as: admin, body: 'x', headers: { 'content-type': 'multipart/form-data' } });
    expect(noBoundary.status).toBe(400);
    expect((await errorOf(noBoundary)).message).toMatch(/boundary/);
  });
});
