// Old answers keep working when their manual is deleted or replaced: the citation says what it was.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { knowledgeChunks, knowledgeDocuments, knowledgeRemovedDocuments } from '@/db/schema';
import * as knowledge from '@/app/api/knowledge/route';
import * as one from '@/app/api/knowledge/[id]/route';
import * as file from '@/app/api/knowledge/[id]/file/route';
import { runNextJob } from '@/lib/knowledge/ingest/job';
import { citationTarget } from '@/lib/knowledge/service';
import { purgeExpired } from '@/lib/retention';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

let admin: TestUser;
let tech: TestUser;

const guide = (version: string, extra = '') =>
  `# Pump P-30 guide\n\n## Error F3\n\nF3 means the impeller is blocked (${version}). Switch off and clear the inlet.\n\n${extra}## Error F9\n\nF9 means the motor is too hot.\n`;

async function upload(markdown: string, fields: Record<string, string>) {
  const form = new FormData();
  form.append('file', new File([markdown], 'p30.md', { type: 'text/markdown' }));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = new Response(form);
  const reply = await call(knowledge.POST, {
    method: 'POST',
    as: admin,
    body: await res.arrayBuffer(),
    headers: { 'content-type': res.headers.get('content-type')! },
  });
  expect(reply.status).toBe(201);
  while (await runNextJob()) {
    // index it now
  }
  return ((await reply.json()) as { documents: { id: string }[] }).documents[0].id;
}

async function chunkUnder(documentId: string, heading: string) {
  const [row] = await db()
    .select()
    .from(knowledgeChunks)
    .where(and(eq(knowledgeChunks.documentId, documentId), eq(knowledgeChunks.heading, heading)));
  return row;
}

const stored = async (id: string) => (await db().select().from(knowledgeDocuments).where(eq(knowledgeDocuments.id, id)))[0];
const onDisk = (storageKey: string) => fs.existsSync(path.join(process.env.DATA_DIR!, 'uploads', storageKey));

beforeAll(async () => {
  admin = await makeUser('admin');
  tech = await makeUser('technician');
});

describe('a replaced manual', () => {
  let oldId: string;
  let newId: string;
  let storageKey: string;
  let citedChunk: string;

  it('stays readable, and its citations lead to the same section of the current version', async () => {
    oldId = await upload(guide('v1'), { version: '1', machineModels: 'P-30' });
    citedChunk = (await chunkUnder(oldId, 'Error F9'))!.id;
    // The new version has more in front of F9, so the section is found by name, not by position.
    newId = await upload(guide('v2', '## Error F5\n\nF5 means the filter is clogged.\n\n'), { version: '2', replaceId: oldId });
    const old = await stored(oldId);
    expect(old.status).toBe('retired');
    storageKey = old.storageKey;

    const target = await citationTarget(oldId, { page: 1, chunkId: citedChunk });
    expect(target).toMatchObject({ state: 'available', manual: { id: oldId, status: 'retired', version: '1' } });
    const sameSection = (await chunkUnder(newId, 'Error F9'))!;
    expect(target!.replacedBy).toEqual({
      id: newId,
      title: 'Pump P-30 guide',
      version: '2',
      href: `/manuals/${newId}?page=${sameSection.pageStart}&chunk=${sameSection.id}`,
      sameSection: true,
    });

    const res = await call(file.GET, { as: tech, params: { id: oldId } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('impeller is blocked (v1)');
  });

  it('is kept through a purge within the retention period', async () => {
    await purgeExpired();
    expect((await stored(oldId)).status).toBe('retired');
    expect(onDisk(storageKey)).toBe(true);
    expect((await call(file.GET, { as: tech, params: { id: oldId } })).status).toBe(200);
  });

  it('goes with the purge after RETENTION_DAYS, and its citations then say what it was', async () => {
    // Retired 31 days ago (RETENTION_DAYS is 30 in the tests).
    await db().execute(sql`update knowledge_documents set updated_at = now() - interval '31 days' where id = ${oldId}`);
    const dry = await purgeExpired({ dryRun: true });
    expect(dry.counts.manuals).toBe(1);
    expect(await stored(oldId)).toBeDefined();

    const result = await purgeExpired();
    expect(result.counts.manuals).toBe(1);
    expect(await stored(oldId)).toBeUndefined();
    expect(await db().$count(knowledgeChunks, eq(knowledgeChunks.documentId, oldId))).toBe(0);
    expect(onDisk(storageKey)).toBe(false);
    // The current version is untouched.
    expect((await stored(newId)).status).toBe('ready');

    const res = await call(file.GET, { as: tech, params: { id: oldId } });
    expect(res.status).toBe(410);
    const body = (await res.json()) as { error: { code: string; message: string; details: Record<string, unknown> } };
    expect(body.error).toMatchObject({
      code: 'gone',
      message: 'The manual "Pump P-30 guide" (version 1) was replaced by a newer version and is no longer kept.',
      details: { id: oldId, title: 'Pump P-30 guide', version: '1', reason: 'replaced' },
    });

    const target = await citationTarget(oldId, { page: 1, chunkId: citedChunk });
    expect(target).toMatchObject({
      state: 'removed',
      removed: { id: oldId, title: 'Pump P-30 guide', version: '1', fileName: 'p30.md', reason: 'replaced' },
      // Its passages are gone: the current version opens at the cited page.
      replacedBy: { id: newId, version: '2', href: `/manuals/${newId}?page=1`, sameSection: false },
    });
  });

  it('a deleted manual answers with what it was, and nothing is left to serve', async () => {
    const key = (await stored(newId)).storageKey;
    const res = await call(one.DELETE, { method: 'DELETE', as: admin, params: { id: newId } });
    expect(res.status).toBe(204);
    expect(onDisk(key)).toBe(false);
    const [record] = await db().select().from(knowledgeRemovedDocuments).where(eq(knowledgeRemovedDocuments.id, newId));
    expect(record).toMatchObject({
      title: 'Pump P-30 guide',
      version: '2',
      reason: 'deleted',
      replacedById: null,
      machineModels: ['P-30'],
    });

    expect(await citationTarget(newId, { page: 3, chunkId: null })).toMatchObject({
      state: 'removed',
      removed: { id: newId, title: 'Pump P-30 guide', version: '2', reason: 'deleted' },
      replacedBy: null,
    });
    // The old version's citations find no current version now.
    expect((await citationTarget(oldId, { page: 1, chunkId: null }))!.replacedBy).toBeNull();

    const gone = await call(file.GET, { as: tech, params: { id: newId } });
    expect(gone.status).toBe(410);
    expect((await errorOf(gone)).message).toBe('The manual "Pump P-30 guide" (version 2) was deleted by an administrator.');
    // Deleting it again finds nothing and changes nothing.
    const again = await call(one.DELETE, { method: 'DELETE', as: admin, params: { id: newId } });
    expect(again.status).toBe(404);
    expect(await db().$count(knowledgeRemovedDocuments, eq(knowledgeRemovedDocuments.id, newId))).toBe(1);
  });

  it('an id that never was a manual is a 404, a malformed one too, and signed-out readers get a 401', async () => {
    const unknown = crypto.randomUUID();
    expect(await citationTarget(unknown, { page: 1, chunkId: null })).toBeNull();
    const res = await call(file.GET, { as: tech, params: { id: unknown } });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
    expect((await call(file.GET, { as: tech, params: { id: 'not-a-uuid' } })).status).toBe(404);
    expect((await call(file.GET, { params: { id: oldId } })).status).toBe(401);
  });
});
