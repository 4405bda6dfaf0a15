import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import * as knowledge from '@/app/api/knowledge/route';
import { call, makeUser, type TestUser } from '../helpers/api';
import { activePdf } from '../helpers/pdfs';

let admin: TestUser;

const countDocs = async () =>
  Number((await db().execute<{ n: number }>(sql`select count(*)::int as n from knowledge_documents`)).rows[0].n);
const uploadsCount = () => {
  const dir = path.join(process.env.DATA_DIR!, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

async function upload(name: string, data: Uint8Array) {
  const form = new FormData();
  form.append('file', new File([data as BlobPart], name, { type: 'application/pdf' }));
  const res = new Response(form);
  return call(knowledge.POST, { as: admin, body: await res.arrayBuffer(), headers: { 'content-type': res.headers.get('content-type')! } });
}

beforeAll(async () => {
  admin = await makeUser('admin');
});

describe('PDFs that would run something in the viewer', () => {
  it.each([
    ['a script run when it opens', 'open-script', ['JavaScript']],
    ['a document script', 'named-script', ['JavaScript']],
    ['a script on a page event', 'page-action', ['JavaScript', 'automatic actions']],
    ['a link that launches a program', 'launch-program', ['launch actions']],
  ] as const)('refuses a PDF with %s (422), storing nothing', async (_, kind, found) => {
    const [docs, files] = [await countDocs(), uploadsCount()];
    const res = await upload('compressor.pdf', await activePdf(kind));
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string; details: unknown } };
    expect(error.message).toMatch(/^"compressor\.pdf" contains .*, which could run when the manual is opened\./);
    expect(error.details).toEqual({ reason: 'active_content', found });
    expect(await countDocs()).toBe(docs);
    expect(uploadsCount()).toBe(files);
  });

  it('accepts links to a web address and attached files, as real manuals carry', async () => {
    expect((await upload('web-link.pdf', await activePdf('web-link-launch'))).status).toBe(201);
    expect((await upload('attached.pdf', await activePdf('attached-file'))).status).toBe(201);
  });
});
