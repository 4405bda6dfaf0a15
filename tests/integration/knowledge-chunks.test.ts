import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { knowledgeChunks } from '@/db/schema';
import * as knowledge from '@/app/api/knowledge/route';
import * as chunkRoute from '@/app/api/knowledge/chunks/[chunkId]/route';
import { openApiDocument } from '@/lib/openapi';
import { runNextJob } from '@/lib/knowledge/ingest/job';
import { call, errorOf, makeUser, type TestUser } from '../helpers/api';

const MANUAL =
  '# Chiller CH-9 quick guide\n\n## Error E12\n\nE12 means the flow switch is open. Check that the pump runs and the strainer is clean, then reset the controller.\n';

let tech: TestUser;
let documentId: string;

beforeAll(async () => {
  const admin = await makeUser('admin');
  tech = await makeUser('technician');
  const form = new FormData();
  form.append('file', new File([MANUAL], 'ch9.md', { type: 'text/markdown' }));
  form.append('machineModels', 'CH-9');
  const body = new Response(form);
  const res = await call(knowledge.POST, {
    method: 'POST',
    as: admin,
    body: await body.arrayBuffer(),
    headers: { 'content-type': body.headers.get('content-type')! },
  });
  expect(res.status).toBe(201);
  documentId = (await res.json()).documents[0].id;
  while (await runNextJob()) {
    // index the manual
  }
});

describe('GET /api/knowledge/chunks/:chunkId', () => {
  it('returns one passage with its manual and pages to a signed-in technician', async () => {
    const [row] = await db()
      .select()
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.documentId, documentId))
      .orderBy(asc(knowledgeChunks.ordinal))
      .limit(1);
    for (const auth of ['cookie', 'token'] as const) {
      const res = await call(chunkRoute.GET, { as: tech, auth, params: { chunkId: row.id } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { chunk } = await res.json();
      expect(chunk).toEqual({
        id: row.id,
        documentId,
        pageStart: row.pageStart,
        pageEnd: row.pageEnd,
        heading: row.heading,
        content: row.content,
      });
      expect(chunk.content).toContain('flow switch is open');
    }
  });

  it('refuses an anonymous caller with 401', async () => {
    const [row] = await db().select().from(knowledgeChunks).where(eq(knowledgeChunks.documentId, documentId)).limit(1);
    const res = await call(chunkRoute.GET, { params: { chunkId: row.id } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe('unauthorized');
  });

  it('answers 404 in the error format for an unknown or malformed id', async () => {
    for (const chunkId of [crypto.randomUUID(), 'not-a-uuid', "1' or '1'='1"]) {
      const res = await call(chunkRoute.GET, { as: tech, params: { chunkId } });
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toMatchObject({ code: 'not_found', message: 'Passage not found.' });
    }
  });

  it('is in the OpenAPI document', () => {
    const doc = openApiDocument('http://localhost:3000');
    expect(doc.paths['/api/knowledge/chunks/{chunkId}'].get.responses).toHaveProperty('404');
  });
});
