// Vector search end to end: embeddings requests over real HTTP to the stub model server at
// ingestion and at search time, the stored vectors, the lexical fallback when the embeddings
// request fails, and what GET /api/info says about it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/db';
import { knowledgeChunks } from '@/db/schema';
import * as info from '@/app/api/info/route';
import { searchManuals } from '@/lib/retrieval';
import { VECTOR_POLICY } from '@/lib/retrieval/vectors';
import { call, makeUser, type TestUser } from '../helpers/api';
import { uploadMarkdownManual } from '../helpers/manuals';
import { startModelServer, type ModelServer } from '../helpers/model-server';
import { setTestEnv } from '../helpers/env';

// A machine model no other test file uses: searches with it see this manual (and manuals for no model).
const MACHINE = 'VS-417';
const EMBED_MODEL = 'embed-small';

// One section per page (form feeds), so each is its own passage and the search keeps each.
const MANUAL = [
  `# Vacuum sealer ${MACHINE} service guide

## Status lamp

Technicians often ask about the sealer: is it on or off? When it is on, the lamp glows green. When it is off, it is dark. Is it on or off with the lid open? It is off: the lid switch cuts it. Or is it on with the lid shut? It is on, or it is on standby.`,
  `## Heating bar

Replace the heating bar when its ptfe tape is burnt through. Unplug the sealer, let the bar cool for ten minutes, lift the bar from its two clips, fit a new bar and press the clips home. A scorched bar leaves weak seams that leak during storage.`,
  `## Vacuum pump

Change the pump oil every two hundred cycles. Drain the old oil through the lower plug, refill to the sight glass mark with vacuum pump oil, then run ten empty cycles so the pump purges moisture. Cloudy oil means water has entered the pump chamber.`,
].join('\f');

// Only English stopwords: the lexical search drops every word, the stub's hashed embedding does not.
const VECTOR_ONLY_QUESTION = 'Is it on or off?';
const LEXICAL_QUESTION = 'burnt ptfe tape on the heating bar';

let model: ModelServer;
let admin: TestUser;
let documentId: string;

function configure({ key, embeddings }: { key: boolean; embeddings: boolean }) {
  setTestEnv({
    ...(key ? { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.url, OPENAI_MODEL: 'primary', OPENAI_TIMEOUT: '2' } : NO_MODEL),
    OPENAI_EMBEDDING_MODEL: embeddings ? EMBED_MODEL : undefined,
  });
}

const NO_MODEL = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, OPENAI_MODEL: undefined, OPENAI_TIMEOUT: undefined };

const embeddingRequests = () => model.requests.filter((r) => r.path === '/v1/embeddings');

const search = (query: string) => searchManuals({ query, machineModel: MACHINE });
const mine = (passages: { documentId: string }[]) => passages.filter((p) => p.documentId === documentId);

beforeAll(async () => {
  model = await startModelServer();
  admin = await makeUser('admin');
});

afterAll(async () => {
  configure({ key: false, embeddings: false });
  await model.close();
});

describe('vector search', () => {
  it('embeds every passage of an uploaded manual and stores one vector per passage', async () => {
    configure({ key: true, embeddings: true });
    const before = embeddingRequests().length;
    documentId = await uploadMarkdownManual({ as: admin, text: MANUAL, name: 'vs417-service.md', machineModels: MACHINE });

    const sent = embeddingRequests().slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.model === EMBED_MODEL)).toBe(true);
    const inputs = sent.flatMap((r) => r.body.input as string[]);

    const chunks = await db()
      .select({ content: knowledgeChunks.content, embedding: knowledgeChunks.embedding })
      .from(knowledgeChunks)
      .where(eq(knowledgeChunks.documentId, documentId));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(inputs).toHaveLength(chunks.length);
    for (const chunk of chunks) {
      expect(chunk.embedding).toHaveLength(64);
      expect(inputs.some((input) => input.includes(chunk.content))).toBe(true);
    }
  });

  it('finds with vectors alone a passage that the lexical search cannot', async () => {
    // Without the embeddings model (the chat model still on): no embeddings request, and nothing found.
    configure({ key: true, embeddings: false });
    let before = embeddingRequests().length;
    const lexical = await search(VECTOR_ONLY_QUESTION);
    expect(embeddingRequests().length).toBe(before);
    expect(lexical.passages).toEqual([]);

    configure({ key: true, embeddings: true });
    before = embeddingRequests().length;
    const result = await search(VECTOR_ONLY_QUESTION);
    const sent = embeddingRequests().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toMatchObject({ model: EMBED_MODEL, input: [VECTOR_ONLY_QUESTION] });
    expect(result.manualIds).toContain(documentId);
    expect(result.passages[0]).toMatchObject({ documentId, heading: 'Status lamp', pageStart: 1 });
    expect(result.passages[0].content).toContain('the lamp glows green');
  });

  it('answers lexically when the embeddings request fails', async () => {
    configure({ key: true, embeddings: true });
    // Every attempt (and retry) of the question's embedding is refused.
    model.setDefault(EMBED_MODEL, { kind: 'status', status: 500 });
    try {
      let before = embeddingRequests().length;
      const lexical = await search(LEXICAL_QUESTION);
      expect(embeddingRequests().length).toBeGreaterThan(before);
      expect(lexical.passages[0]).toMatchObject({ documentId, heading: 'Heating bar', pageStart: 2 });

      // Without the question's vector the stopword question finds nothing of this manual.
      before = embeddingRequests().length;
      const vectorOnly = await search(VECTOR_ONLY_QUESTION);
      expect(embeddingRequests().length).toBeGreaterThan(before);
      expect(mine(vectorOnly.passages)).toEqual([]);
    } finally {
      model.setDefault(EMBED_MODEL, { kind: 'echo' });
    }
  });

  it('answers lexically when the embeddings request hangs past its timeout', async () => {
    configure({ key: true, embeddings: true });
    // Every attempt hangs: the first until OPENAI_TIMEOUT, its retry until the vector search gives up.
    model.setDefault(EMBED_MODEL, { kind: 'hang' });
    try {
      let before = embeddingRequests().length;
      let started = performance.now();
      const lexical = await search(LEXICAL_QUESTION);
      // Waited for the question's embedding no longer than the vector search allows (plus the search itself).
      expect(performance.now() - started).toBeLessThan(VECTOR_POLICY.timeoutMs + 1_500);
      expect(embeddingRequests().length).toBeGreaterThan(before);
      expect(lexical.passages[0]).toMatchObject({ documentId, heading: 'Heating bar', pageStart: 2 });

      before = embeddingRequests().length;
      started = performance.now();
      const vectorOnly = await search(VECTOR_ONLY_QUESTION);
      expect(performance.now() - started).toBeLessThan(VECTOR_POLICY.timeoutMs + 1_500);
      expect(embeddingRequests().length).toBeGreaterThan(before);
      expect(mine(vectorOnly.passages)).toEqual([]);
    } finally {
      model.setDefault(EMBED_MODEL, { kind: 'echo' });
    }

    // Once the model answers again, so does vector search.
    const again = await search(VECTOR_ONLY_QUESTION);
    expect(again.passages[0]).toMatchObject({ documentId, heading: 'Status lamp' });
  });
});

describe('GET /api/info', () => {
  async function vectorSearchMode() {
    const res = await call(info.GET);
    expect(res.status).toBe(200);
    return ((await res.json()) as { modes: { vectorSearch: boolean } }).modes.vectorSearch;
  }

  it('reports vector search only with a model API key and an embeddings model', async () => {
    configure({ key: true, embeddings: true });
    expect(await vectorSearchMode()).toBe(true);
    configure({ key: true, embeddings: false });
    expect(await vectorSearchMode()).toBe(false);
    configure({ key: false, embeddings: true });
    expect(await vectorSearchMode()).toBe(false);
    configure({ key: false, embeddings: false });
    expect(await vectorSearchMode()).toBe(false);
  });
});
