// The model client over real HTTP, with the real SDK, against the stub OpenAI-compatible llm.server.
import { describe, expect, it } from 'vitest';
import { estimateCost, isAbortError, LlmUnavailableError, streamCompletion, type LlmEvent, type LlmResult } from '@/lib/llm';
import { metrics } from '@/lib/ops/metrics';
import { setTestEnv } from '../helpers/env';
import { PRIMARY_TOKENS as primaryTokens, TEST_MESSAGES as messages, startLlmTestServer } from '../helpers/llm-server';

const llm = startLlmTestServer();

async function run(opts: Partial<Parameters<typeof streamCompletion>[0]> = {}) {
  const events: LlmEvent[] = [];
  const started = performance.now();
  let error: unknown;
  try {
    for await (const event of streamCompletion({ messages, ...opts })) events.push(event);
  } catch (e) {
    error = e;
  }
  const done = events.find((e): e is Extract<LlmEvent, { type: 'done' }> => e.type === 'done');
  // What a caller shows: the text since the last reset.
  const lastReset = events.map((e) => e.type).lastIndexOf('reset');
  const text = events
    .slice(lastReset + 1)
    .map((e) => (e.type === 'token' ? e.text : ''))
    .join('');
  return {
    events,
    error,
    text,
    result: done?.result as LlmResult,
    ms: performance.now() - started,
    resets: events.filter((e) => e.type === 'reset'),
  };
}

const calls = llm.calls;

describe('streamCompletion', () => {
  it('streams the tokens in order and reports model, usage and cost', async () => {
    const { events, text, result, error } = await run();
    expect(error).toBeUndefined();
    expect(events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text)).toEqual(primaryTokens);
    expect(events.at(-1)?.type).toBe('done');
    expect(text).toBe(primaryTokens.join(''));
    expect(result).toMatchObject({
      model: 'primary',
      fallbackUsed: false,
      attempts: 1,
      promptTokens: 120,
      completionTokens: 6,
      usageReported: true,
      finishReason: 'stop',
    });
    expect(result.costUsd).toBeCloseTo(estimateCost('primary', 120, 6), 12);
    expect(result.firstTokenMs).not.toBeNull();
    expect(result.latencyMs).toBeGreaterThanOrEqual(result.firstTokenMs!);

    const sent = llm.server.requests.at(-1)!;
    expect(sent).toMatchObject({ model: 'primary', stream: true, messages });
    expect(sent.body).toMatchObject({ max_tokens: 256, temperature: 0.3, stream_options: { include_usage: true } });
  });

  it('estimates tokens when the server reports no usage', async () => {
    llm.server.script('primary', { kind: 'stream', tokens: 'twelve chars', usage: false });
    const { result } = await run();
    expect(result).toMatchObject({ usageReported: false, completionTokens: 3, promptTokens: Math.ceil((15 + 19) / 4) });
    expect(result.costUsd).toBeGreaterThan(0);
  });

  it('retries a 500 on the primary, then answers with the fallback and says so', async () => {
    const fallbacksBefore = (await metrics().modelFallbacks.get()).values[0]?.value ?? 0;
    llm.server.script('primary', { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    const { text, result } = await run();
    expect(calls('primary')).toBe(3);
    expect(text).toBe('Fallback answer.');
    expect(result).toMatchObject({ model: 'fallback', fallbackUsed: true, attempts: 4 });
    expect((await metrics().modelFallbacks.get()).values[0].value).toBe(fallbacksBefore + 1);
  });

  it('recovers on the primary when a retry succeeds', async () => {
    llm.server.script('primary', { kind: 'status', status: 502 });
    const { result } = await run();
    expect(result).toMatchObject({ model: 'primary', fallbackUsed: false, attempts: 2 });
  });

  it('honours Retry-After on a 429 before retrying the same model', async () => {
    setTestEnv({ OPENAI_TIMEOUT: '2' });
    llm.server.script('primary', { kind: 'status', status: 429, retryAfter: 1 });
    const { result, ms } = await run();
    expect(result).toMatchObject({ model: 'primary', attempts: 2 });
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2_500);
    expect(calls('primary')).toBe(2);
  });

  it('does not retry a rejected request (400) on the same model', async () => {
    llm.server.script('primary', { kind: 'status', status: 400 });
    const { result } = await run();
    expect(calls('primary')).toBe(1);
    expect(result).toMatchObject({ model: 'fallback', attempts: 2 });
  });

  it('times out a primary that never answers and falls back', async () => {
    llm.server.script('primary', { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    const { result, text, ms } = await run();
    expect(text).toBe('Fallback answer.');
    expect(result.fallbackUsed).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(500);
    expect(ms).toBeLessThan(2_500);
  });

  it('cuts a stream that stalls mid-answer (idle timeout), resets, and answers with the fallback', async () => {
    llm.server.script('primary', ...Array(3).fill({ kind: 'stall', afterTokens: 2 }));
    const { text, result, resets, events } = await run();
    expect(resets.length).toBeGreaterThanOrEqual(1);
    expect((resets[0] as { reason: string }).reason).toMatch(/primary failed mid-answer/);
    expect(events[0].type).toBe('token');
    expect(text).toBe('Fallback answer.');
    expect(result).toMatchObject({ model: 'fallback', fallbackUsed: true });
  });

  it('resets and falls back when the connection drops mid-stream', async () => {
    llm.server.script('primary', ...Array(3).fill({ kind: 'drop', afterTokens: 3 }));
    const { text, result, resets } = await run();
    expect(resets.length).toBe(3);
    expect(text).toBe('Fallback answer.');
    expect(result).toMatchObject({ model: 'fallback', attempts: 4 });
  });

  it('throws LlmUnavailableError with every attempt when both models fail', async () => {
    llm.server.script('primary', ...Array(3).fill({ kind: 'status', status: 500 }));
    llm.server.script('fallback', ...Array(3).fill({ kind: 'status', status: 503 }));
    const { error, events } = await run();
    expect(error).toBeInstanceOf(LlmUnavailableError);
    const failure = error as LlmUnavailableError;
    expect(failure.attempts.map((a) => `${a.model}:${a.status}`)).toEqual([
      ...Array(3).fill('primary:500'),
      ...Array(3).fill('fallback:503'),
    ]);
    expect(failure.partial).toBe('');
    expect(events).toEqual([]);
  });

  it("keeps the last attempt's partial text when there is no fallback and it breaks mid-answer", async () => {
    setTestEnv({ OPENAI_FALLBACK_MODEL: '' });
    llm.server.script('primary', ...Array(3).fill({ kind: 'drop', afterTokens: 2, tokens: primaryTokens }));
    const { error, text, resets } = await run();
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).partial).toBe('E07 means ');
    expect(text).toBe('E07 means ');
    expect(resets.length).toBe(2);
    expect(calls('fallback')).toBe(0);
  });

  it('stops at once when the caller aborts mid-stream, without retrying', async () => {
    llm.server.script('primary', { kind: 'stream', tokens: Array(50).fill('slow '), tokenDelayMs: 100 });
    const controller = new AbortController();
    const events: LlmEvent[] = [];
    const started = performance.now();
    let error: unknown;
    try {
      for await (const event of streamCompletion({ messages, signal: controller.signal })) {
        events.push(event);
        if (event.type === 'token' && events.length === 2) controller.abort();
      }
    } catch (e) {
      error = e;
    }
    expect(isAbortError(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(400);
    expect(calls('primary')).toBe(1);
    expect(calls('fallback')).toBe(0);
  });

  it('stops at once when the caller aborts while waiting for the server or a retry', async () => {
    llm.server.script('primary', { kind: 'hang' });
    const waiting = await run({ signal: AbortSignal.timeout(100) });
    expect(isAbortError(waiting.error)).toBe(true);
    expect(waiting.ms).toBeLessThan(400);

    setTestEnv({ OPENAI_TIMEOUT: '5' });
    llm.server.script('primary', { kind: 'status', status: 429, retryAfter: 5 });
    const backingOff = await run({ signal: AbortSignal.timeout(150) });
    expect(isAbortError(backingOff.error)).toBe(true);
    expect(backingOff.ms).toBeLessThan(500);
    expect(calls('primary')).toBe(2);
    expect(calls('fallback')).toBe(0);
  });

  it('fails at once, without requests, when no API key is configured', async () => {
    setTestEnv({ OPENAI_API_KEY: undefined });
    const { error } = await run();
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).attempts).toEqual([]);
    expect(llm.server.requests).toHaveLength(0);
  });

  it('sends max_completion_tokens and no temperature to reasoning models', async () => {
    setTestEnv({ OPENAI_MODEL: 'o4-mini' });
    llm.server.setDefault('o4-mini', { kind: 'stream', tokens: 'ok' });
    await run({ maxTokens: 100 });
    const body = llm.server.requests.at(-1)!.body;
    expect(body).toMatchObject({ model: 'o4-mini', max_completion_tokens: 100 });
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('max_tokens');
  });
});
