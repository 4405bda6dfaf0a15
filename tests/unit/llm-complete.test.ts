// Non-streamed completions, embeddings and the health ping over real HTTP against the stub llm.server.
import { describe, expect, it } from 'vitest';
import { completeText, embedTexts, LlmUnavailableError, pingModelApi, streamCompletion } from '@/lib/llm';
import { setTestEnv } from '../helpers/env';
import { PRIMARY_TOKENS as primaryTokens, TEST_MESSAGES as messages, startLlmTestServer } from '../helpers/llm-server';

const llm = startLlmTestServer();

const calls = llm.calls;

async function streamedResult() {
  for await (const event of streamCompletion({ messages })) if (event.type === 'done') return event.result;
  throw new Error('no result');
}

describe('completeText', () => {
  it('returns the whole answer without streaming', async () => {
    const result = await completeText({ messages, maxTokens: 24 });
    expect(result).toMatchObject({ text: primaryTokens.join(''), model: 'primary', fallbackUsed: false, attempts: 1, usageReported: true });
    expect(llm.server.requests.at(-1)).toMatchObject({ stream: false, body: { max_tokens: 24 } });
  });

  it('uses the same retry and fallback policy (its own script queue: streamed answers are unaffected)', async () => {
    llm.server.script('primary', { kind: 'status', status: 500 });
    llm.server.scriptComplete('primary', { kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 500 });
    const result = await completeText({ messages });
    expect(result).toMatchObject({ text: 'Fallback answer.', model: 'fallback', fallbackUsed: true, attempts: 4 });
    expect(await streamedResult()).toMatchObject({ model: 'primary', attempts: 2 });
  });

  it('times out a request that gets no answer', async () => {
    llm.server.scriptComplete('primary', { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    const started = performance.now();
    const result = await completeText({ messages });
    expect(result).toMatchObject({ model: 'fallback', fallbackUsed: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('throws LlmUnavailableError when every attempt fails', async () => {
    llm.server.scriptComplete('primary', ...Array(3).fill({ kind: 'status', status: 500 }));
    llm.server.scriptComplete('fallback', { kind: 'status', status: 401 });
    await expect(completeText({ messages })).rejects.toBeInstanceOf(LlmUnavailableError);
  });
});

describe('embedTexts', () => {
  it('is null without an embeddings model', async () => {
    expect(await embedTexts(['anything'])).toBeNull();
  });

  it('returns one unit vector per text, in order, in batches', async () => {
    setTestEnv({ OPENAI_EMBEDDING_MODEL: 'embed' });
    const texts = Array.from({ length: 200 }, (_, i) => `pressure switch ${i}`);
    texts[5] = '';
    const vectors = await embedTexts(texts);
    expect(vectors).toHaveLength(200);
    expect(llm.server.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(3);
    for (const v of vectors!) {
      expect(v).toHaveLength(64);
      expect(Math.hypot(...v)).toBeCloseTo(1, 6);
    }
    const again = await embedTexts(['pressure switch 7']);
    expect(again![0]).toEqual(vectors![7]);
  });

  it('retries a failed batch', async () => {
    setTestEnv({ OPENAI_EMBEDDING_MODEL: 'embed' });
    llm.server.script('embed', { kind: 'status', status: 500 });
    expect(await embedTexts(['one', 'two'])).toHaveLength(2);
    expect(calls('embed')).toBe(2);
  });
});

describe('pingModelApi', () => {
  it('reports ok, not configured, and degraded', async () => {
    expect(await pingModelApi()).toMatchObject({ status: 'ok' });
    setTestEnv({ OPENAI_API_KEY: undefined });
    expect(await pingModelApi()).toEqual({ status: 'not configured' });
    setTestEnv({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: llm.server.url.replace(/\/v1$/, '/wrong') });
    expect(await pingModelApi()).toMatchObject({ status: 'degraded', message: expect.stringMatching(/answered 404/) });
    setTestEnv({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(await pingModelApi()).toMatchObject({ status: 'degraded', message: expect.stringMatching(/unreachable/) });
  });
});
