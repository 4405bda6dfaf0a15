// With a model configured, a question in another language, or one whose words find no passage that
// answers it, is put into a service manual's English words by the model and searched again; the
// model API is the tests' OpenAI-compatible server, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSources } from '@/lib/chat/sources';
import { makeUser } from '../helpers/api';
import { uploadMarkdownManual } from '../helpers/manuals';
import { startModelServer, type ModelServer } from '../helpers/model-server';
import { setTestEnv } from '../helpers/env';

const MANUAL = `# RW-7 rotary welder service notes

## Wire feed rollers

Clean the wire feed rollers weekly. Replace both rollers when the groove is worn: a worn groove lets the wire slip.

\f

## Shielding gas

Set the shielding gas flow to 12 l/min before welding. A leaking hose lets air into the weld.
`;

let model: ModelServer;
let manualId: string;

function setModel(on: boolean) {
  setTestEnv(
    on
      ? { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.url, OPENAI_MODEL: 'primary', OPENAI_TIMEOUT: '2' }
      : { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, OPENAI_MODEL: undefined, OPENAI_TIMEOUT: undefined },
  );
}

const rewrites = () => model.requests.filter((r) => !r.stream && /Rewrite the technician's question/.test(String(r.messages[0]?.content)));
const ask = (question: string) => findSources({ question, history: [], machineModel: 'RW-7' });

beforeAll(async () => {
  model = await startModelServer();
  manualId = await uploadMarkdownManual({ as: await makeUser('admin'), text: MANUAL, name: 'rw7-notes.md', machineModels: 'RW-7' });
});

afterAll(async () => {
  setModel(false);
  await model.close();
});

describe('the search with a model', () => {
  it("searches a question in another language again with the model's words for it, and keeps the better passages", async () => {
    setModel(true);
    model.reset();
    const question = '¿por qué patina el hilo en la soldadora?';
    setModel(false);
    const alone = await ask(question);
    setModel(true);
    model.scriptComplete('primary', { kind: 'stream', tokens: ['RW-7 wire feed rollers worn groove, wire slips'] });
    const sources = await ask(question);
    expect(rewrites()).toHaveLength(1);
    expect(String(rewrites()[0].messages.at(-1)?.content)).toContain(question);
    expect(sources.answerable).toBe(true);
    expect(sources.passages[0]).toMatchObject({ documentId: manualId, heading: 'Wire feed rollers' });
    // The question's own words did not find that passage as surely.
    expect(alone.coverage).toBeLessThan(sources.coverage);
  });

  it('does not ask the model when an English question already finds a passage that answers it', async () => {
    setModel(true);
    model.reset();
    const sources = await ask('rw-7 shielding gas flow setting');
    expect(rewrites()).toHaveLength(0);
    expect(sources.passages[0]).toMatchObject({ documentId: manualId, heading: 'Shielding gas' });
  });

  it("answers from the question's own words when the model fails", async () => {
    setModel(true);
    model.reset();
    model.scriptComplete('primary', { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const sources = await ask('¿cada cuánto hay que limpiar los wire feed rollers de la rw-7?');
    expect(rewrites().length).toBeGreaterThan(0);
    expect(sources.passages.length).toBeGreaterThan(0);
    expect(sources.passages.every((p) => p.documentId === manualId)).toBe(true);
  });
});
