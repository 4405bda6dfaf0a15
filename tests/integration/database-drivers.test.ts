import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db, dbDriver, migrateDb, migrationStatus } from '@/db';
import { aiSessions, knowledgeChunks, knowledgeDocuments, users } from '@/db/schema';
import { resetEnv } from '@/lib/env';

/** The same checks, run against whichever driver the settings choose. */
async function exerciseDataLayer() {
  await migrateDb();
  const status = await migrationStatus();
  expect(status.applied).toBe(status.expected);

  const [user] = await db().insert(users).values({ email: `drv-${Date.now()}@example.com`, name: 'Driver', role: 'technician' }).returning();
  const [session] = await db().insert(aiSessions).values({ userId: user.id, title: 'Compressor stops' }).returning();
  expect(session.mode).toBe('assistant');

  // Trigram similarity (pg_trgm) and language-aware full-text search both work.
  const [doc] = await db()
    .insert(knowledgeDocuments)
    .values({ title: 'Manual', fileName: 'm.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'x', storageKey: 'k', machineModels: ['AC-400'] })
    .returning();
  const content = 'Error E07: discharge temperature high. Check the oil cooler fins.';
  await db().insert(knowledgeChunks).values({ documentId: doc.id, ordinal: 0, pageStart: 12, pageEnd: 12, content, tsv: sql`to_tsvector('english', ${content})` });
  const trigram = await db().execute<{ s: number }>(sql`select similarity(${knowledgeChunks.content}, 'E-07 dischage temprature') as s from ${knowledgeChunks} where ${knowledgeChunks.documentId} = ${doc.id}`);
  expect(Number(trigram.rows[0].s)).toBeGreaterThan(0.2);
  const fts = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from ${knowledgeChunks} where ${knowledgeChunks.tsv} @@ websearch_to_tsquery('english', 'temperatures "oil cooler"')`,
  );
  expect(Number(fts.rows[0].n)).toBe(1);

  // Deleting a user cascades to their sessions.
  await db().delete(users).where(eq(users.id, user.id));
  expect(await db().$count(aiSessions, eq(aiSessions.id, session.id))).toBe(0);
}

describe('data layer on Postgres (pg driver)', () => {
  it('migrates and runs the queries', async () => {
    expect(dbDriver()).toBe('pg');
    await exerciseDataLayer();
  });
});

describe('data layer on embedded PGlite', () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fixline-pglite-'));

  afterAll(async () => {
    await closeDb();
    Object.assign(process.env, saved);
    resetEnv();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, runs the same queries, and keeps data across a restart', async () => {
    await closeDb();
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dir;
    resetEnv();
    expect(dbDriver()).toBe('pglite');
    await exerciseDataLayer();

    await db().insert(users).values({ email: 'kept@example.com', name: 'Kept', role: 'admin' });
    await closeDb();
    expect(fs.existsSync(path.join(dir, 'pgdata', 'PG_VERSION'))).toBe(true);
    const [kept] = await db().select().from(users).where(eq(users.email, 'kept@example.com'));
    expect(kept?.role).toBe('admin');
  }, 120_000);
});
