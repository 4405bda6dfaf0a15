import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, dbDriver, migrateDb } from '@/db';
import { insertDocument, replaceDocumentContent, updateDocument, type NewChunk } from '@/db/queries/knowledge';
import { knowledgeChunks, knowledgeTerms } from '@/db/schema';
import { passageCodes, searchKnowledge } from '@/lib/retrieval';
import { useEmbeddedDatabase } from '@/tests/helpers/embedded-database';

let seq = 0;

/** A ready manual with the given passages (one per page), indexed as ingestion does. */
async function manual(passages: string[], { models = [], status = 'ready' }: { models?: string[]; status?: 'ready' | 'retired' } = {}) {
  seq++;
  const doc = await insertDocument({
    title: `Retrieval test manual ${seq}`,
    machineModels: models,
    fileName: 'manual.pdf',
    mimeType: 'application/pdf',
    sizeBytes: 1,
    sha256: `retrieval-test-${seq}-${Date.now()}`,
    storageKey: 'retrieval-test',
    status,
  });
  const chunks: NewChunk[] = passages.map((content, i) => ({
    ordinal: i,
    pageStart: i + 1,
    pageEnd: i + 1,
    heading: null,
    content,
    codes: passageCodes(content),
  }));
  await db().transaction((tx) => replaceDocumentContent({ documentId: doc.id, pages: [], chunks, tsConfig: 'english' }, tx));
  return doc;
}

/** Everything a search of the shared test database could need from these tests. */
async function checks() {
  const dryer = await manual([
    'The desiccant dryer switches towers every five minutes.',
    'Desiccant regeneration needs purge air: if the purge valve sticks, the dew point rises.',
  ]);

  // Misspelt words are corrected against the words of the manuals.
  const typo = await searchKnowledge({ query: 'dessicant regeneraton' });
  expect(typo[0]).toMatchObject({ documentId: dryer.id, pageStart: 2 });
  expect(await db().$count(knowledgeTerms, eq(knowledgeTerms.term, 'desiccant'))).toBe(1);

  // A passage with every word ranks first, even behind hundreds of passages with one of them.
  const filler = Array.from({ length: 450 }, (_, i) => `Grommet ${i}: inspect the quillon housing at each service.`);
  const housing = await manual([...filler, 'Quillon housing chatter at idle: replace the damper spring.']);
  const every = await searchKnowledge({ query: 'quillon chatter' });
  expect(every[0]).toMatchObject({ documentId: housing.id, pageStart: 451 });

  // With a machine model, its manuals are searched on their own: found despite many better-placed matches elsewhere.
  const other = await manual(
    Array.from({ length: 450 }, (_, i) => `Section ${i}: the vortel blower runs quietly on its zephlon mount.`),
    { models: ['VX-1'] },
  );
  const mine = await manual(['Clean the vortel intake screen weekly.'], { models: ['VX-9'] });
  const generic = await manual(['Vortel intake grilles of every model: keep them free.']);
  const withModel = await searchKnowledge({ query: 'vortel noise intake', machineModel: 'VX-9' });
  expect(withModel[0]).toMatchObject({ documentId: mine.id });
  // Manuals for no particular model count as the model's; other models' manuals are left out while the model's have passages…
  expect(withModel.some((r) => r.documentId === generic.id)).toBe(true);
  expect(withModel.some((r) => r.documentId === other.id)).toBe(false);
  // …and searched when the model's manuals (and the manuals for no model, other files' among them) have no word of the question.
  expect((await searchKnowledge({ query: 'zephlon', machineModel: 'VX-9' }))[0]).toMatchObject({ documentId: other.id });
  // A question that names another model's manual is searched there, whatever the conversation's machine model.
  expect(
    (await searchKnowledge({ query: 'vortel intake on the VX-1', machineModel: 'VX-9' })).every((r) => r.documentId === other.id),
  ).toBe(true);
  // When the model's manuals have passages, other models' manuals are left out.
  const rich = await manual(
    Array.from({ length: 25 }, (_, i) => `Plenum baffle ${i}: check the plenum baffle seal.`),
    { models: ['PB-2'] },
  );
  const elsewhere = await manual(['Plenum baffle of the PB-1: check the plenum baffle seal.'], { models: ['PB-1'] });
  const own = await searchKnowledge({ query: 'plenum baffle seal', machineModel: 'PB-2', limit: 10 });
  expect(own.length).toBe(10);
  expect(own.every((r) => r.documentId === rich.id)).toBe(true);
  expect((await searchKnowledge({ query: 'plenum baffle seal', limit: 30 })).some((r) => r.documentId === elsewhere.id)).toBe(true);
  // A model without manuals of its own searches all of them.
  expect(
    (await searchKnowledge({ query: 'plenum baffle seal', machineModel: 'NO-SUCH', limit: 30 })).some((r) => r.documentId === elsewhere.id),
  ).toBe(true);

  // Codes and display messages match by trigram similarity; retired manuals are not searched.
  const codes = await manual(['Error QZ07 means the quench valve is stuck. Display shows Quench Fault!']);
  expect((await searchKnowledge({ query: 'What is QZ07?' }))[0]).toMatchObject({ documentId: codes.id });
  expect((await searchKnowledge({ query: 'screen says Quench Fault' }))[0]).toMatchObject({ documentId: codes.id });
  // A code matches whether or not it is written with separators, either way round.
  expect((await searchKnowledge({ query: 'What is QZ-07?' }))[0]).toMatchObject({ documentId: codes.id });
  const hyphenated = await manual(['Fault VX-512 means the vent flap is jammed.']);
  expect((await searchKnowledge({ query: 'VX512' }))[0]).toMatchObject({ documentId: hyphenated.id });
  expect((await searchKnowledge({ query: 'what is vx-512' }))[0]).toMatchObject({ documentId: hyphenated.id });
  // Passages indexed before codes were also stored without separators get them from the migration.
  const older = await manual(['Fault ZR-88 means the relief valve opened.']);
  await db().update(knowledgeChunks).set({ codes: 'ZR-88 Relief Open' }).where(eq(knowledgeChunks.documentId, older.id));
  await db().execute(sql.raw(fs.readFileSync(path.join(process.cwd(), 'drizzle', '0005_code_variants.sql'), 'utf8')));
  const [migrated] = await db()
    .select({ codes: knowledgeChunks.codes })
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.documentId, older.id));
  expect(migrated.codes).toBe('ZR-88 Relief Open ZR88');
  await updateDocument({ id: codes.id, status: 'retired' });
  expect((await searchKnowledge({ query: 'quench valve QZ07' })).some((r) => r.documentId === codes.id)).toBe(false);

  // A vector list is fused with the lexical ones.
  const [first] = await db()
    .select({ id: knowledgeChunks.id })
    .from(knowledgeChunks)
    .where(eq(knowledgeChunks.documentId, dryer.id))
    .orderBy(knowledgeChunks.ordinal)
    .limit(1);
  expect((await searchKnowledge({ query: 'zyxwv', vectorRanked: [first.id] }))[0]).toMatchObject({ chunkId: first.id, pageStart: 1 });

  // Nothing to search for gives nothing, without an error.
  expect(await searchKnowledge({ query: 'the and of' })).toEqual([]);
}

describe('knowledge retrieval on Postgres', () => {
  it('corrects misspelt words, ranks every-word matches first, prefers the machine model, matches codes', async () => {
    expect(dbDriver()).toBe('pg');
    await checks();
  }, 60_000);

  it('ranks passages that score the same in page order, whatever their ids', async () => {
    // Two pages with the same text: the code and the words match both equally. Ids are random, so a
    // tie broken by id put either page first (an E07 question cited the warning page in one run and
    // the fault table in the next).
    const text = 'Fault QZ81: the coolant pump stalls. Check the pump fuse and the pump wiring.';
    const doc = await manual(['Cover page of the tie test manual.', text, text, 'Index of the tie test manual.'], { models: ['TT-310'] });
    const topPages = async () =>
      (await searchKnowledge({ query: 'tt-310 shows qz81, what do i check', machineModel: 'TT-310' })).slice(0, 2).map((p) => p.pageStart);
    // Ids in page order, then in the reverse order.
    for (const direction of ['asc', 'desc'] as const) {
      await db().execute(sql`
        update ${knowledgeChunks} c set id = n.id
        from (select id as old, ('00000000-0000-4000-8000-' || lpad(to_hex(${direction === 'asc' ? sql`ordinal` : sql`1000 - ordinal`}), 12, '0'))::uuid as id
              from ${knowledgeChunks} where document_id = ${doc.id}) n
        where c.id = n.old`);
      expect(await topPages(), `ids ${direction}ending with the page`).toEqual([2, 3]);
    }
  });

  it('builds its text indexes without a pending list', async () => {
    const rows = await db().execute<{ relname: string; reloptions: string[] | null }>(
      sql`select relname, reloptions from pg_class where relname in ('knowledge_chunks_tsv_idx', 'knowledge_chunks_codes_trgm_idx', 'knowledge_terms_term_trgm_idx')`,
    );
    expect(rows.rows).toHaveLength(3);
    for (const row of rows.rows) expect(row.reloptions).toContain('fastupdate=false');
  });
});

describe('knowledge retrieval on embedded PGlite', () => {
  const embedded = useEmbeddedDatabase('fixline-retrieval-pglite-');

  it('runs the same searches', async () => {
    await embedded.switchToPglite();
    expect(dbDriver()).toBe('pglite');
    await migrateDb();
    await checks();
  }, 120_000);
});
