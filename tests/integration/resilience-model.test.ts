// The circuit breaker of each model, over real HTTP against the test model server: a primary that
// keeps failing is skipped for a cool-down, then probed once, and used again once it answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as chat from '@/app/api/chat/route';
import * as healthRoute from '@/app/api/health/route';
import * as metricsRoute from '@/app/api/metrics/route';
import { LlmUnavailableError, streamCompletion, type LlmEvent, type LlmResult } from '@/lib/llm';
import { breakerStates } from '@/lib/llm/breaker';
import { settled } from '@/lib/chat/registry';
import { call, makeUser } from '../helpers/api';
import { modelEnv, NO_MODEL, setTestEnv } from '../helpers/env';
import { startModelServer, type Behaviour, type ModelServer } from '../helpers/model-server';
import { answerText, readSse } from '../helpers/sse';

let model: ModelServer;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const messages = [{ role: 'user' as const, content: 'How do I bleed the hydraulic pump?' }];
const FALLBACK: Behaviour = { kind: 'stream', tokens: ['Fallback ', 'answer.'] };
const PRIMARY: Behaviour = { kind: 'stream', tokens: ['Primary ', 'answer.'] };

async function turn(signal?: AbortSignal): Promise<{ result?: LlmResult; error?: unknown; primaryRequests: number; text: string }> {
  const before = model.requests.filter((r) => r.model === 'primary').length;
  let result: LlmResult | undefined;
  let error: unknown;
  let text = '';
  try {
    for await (const event of streamCompletion({ messages, signal }) as AsyncGenerator<LlmEvent>) {
      if (event.type === 'token') text += event.text;
      if (event.type === 'reset') text = '';
      if (event.type === 'done') result = event.result;
    }
  } catch (e) {
    error = e;
  }
  return { result, error, text, primaryRequests: model.requests.filter((r) => r.model === 'primary').length - before };
}

const stateOf = (name: string) => breakerStates().find((b) => b.model === name)?.state ?? 'closed';

async function scrape(): Promise<string> {
  return (await metricsRoute.GET()).text();
}

beforeAll(async () => {
  model = await startModelServer();
});

afterAll(async () => {
  await model.close();
  setTestEnv(NO_MODEL);
});

beforeEach(() => {
  // New settings: the breakers start closed.
  setTestEnv(modelEnv(model.url, { OPENAI_TIMEOUT: '1', MODEL_BREAKER_FAILURES: '3', MODEL_BREAKER_COOLDOWN_SECONDS: '2' }));
  model.reset();
  model.setDefault('fallback', FALLBACK);
});

describe('model circuit breaker', () => {
  it('opens after failures in a row (429, 500, timeout), skips the primary, probes after the cool-down and closes on success', async () => {
    model.setDefault('primary', { kind: 'status', status: 500 });
    model.script('primary', { kind: 'status', status: 429, retryAfter: 0 }, { kind: 'status', status: 500 }, { kind: 'hang' });

    // The first turn pays for the retries, and they open the breaker.
    const first = await turn();
    expect(first.result?.model).toBe('fallback');
    expect(first.primaryRequests).toBe(3);
    expect(stateOf('primary')).toBe('open');
    expect(await scrape()).toMatch(/fixline_model_breaker_state\{model="primary"\} 2/);
    const health = await (await call(healthRoute.GET)).json();
    expect(health.checks.openai.status).toBe('degraded');
    expect(health.checks.openai.breakers).toEqual(expect.arrayContaining([expect.objectContaining({ model: 'primary', state: 'open' })]));

    // While it is open, turns go straight to the fallback: no request reaches the primary.
    for (let i = 0; i < 3; i++) {
      const skipped = await turn();
      expect(skipped).toMatchObject({ primaryRequests: 0, text: 'Fallback answer.' });
      expect(skipped.result).toMatchObject({ model: 'fallback', fallbackUsed: true, attempts: 1 });
    }

    // After the cool-down one probe goes through; it fails, and the breaker opens again at once.
    await sleep(2_100);
    const probe = await turn();
    expect(probe.primaryRequests).toBe(1);
    expect(probe.result?.model).toBe('fallback');
    expect(stateOf('primary')).toBe('open');
    expect((await turn()).primaryRequests).toBe(0);

    // The primary recovers: the next probe succeeds and closes the breaker.
    model.setDefault('primary', PRIMARY);
    await sleep(2_100);
    const recovered = await turn();
    expect(recovered).toMatchObject({ primaryRequests: 1, text: 'Primary answer.' });
    expect(recovered.result).toMatchObject({ model: 'primary', fallbackUsed: false });
    expect(stateOf('primary')).toBe('closed');
    expect(await scrape()).toMatch(/fixline_model_breaker_state\{model="primary"\} 0/);
    expect(await scrape()).toMatch(/fixline_model_breaker_transitions_total\{model="primary",state="half_open"\} [1-9]/);
    expect((await turn()).result?.model).toBe('primary');
  }, 30_000);

  it('lets only one probe through while it is out; the others use the fallback', async () => {
    model.setDefault('primary', { kind: 'status', status: 503 });
    await turn();
    expect(stateOf('primary')).toBe('open');
    await sleep(2_100);
    model.setDefault('primary', { ...PRIMARY, firstTokenDelayMs: 300 } as Behaviour);
    const before = model.requests.filter((r) => r.model === 'primary').length;
    const turns = await Promise.all([turn(), turn(), turn()]);
    expect(model.requests.filter((r) => r.model === 'primary').length - before).toBe(1);
    expect(turns.map((t) => t.result?.model).sort()).toEqual(['fallback', 'fallback', 'primary']);
    expect(stateOf('primary')).toBe('closed');
  });

  it('gives the probe back when the caller gives up on it, so the next call probes', async () => {
    model.setDefault('primary', { kind: 'status', status: 500 });
    await turn();
    expect(stateOf('primary')).toBe('open');
    await sleep(2_100);
    model.setDefault('primary', { kind: 'hang' });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 150);
    const given = await turn(abort.signal);
    expect(given.primaryRequests).toBe(1);
    expect((given.error as Error)?.name).toBe('AbortError');

    model.setDefault('primary', PRIMARY);
    const next = await turn();
    expect(next).toMatchObject({ primaryRequests: 1, text: 'Primary answer.' });
    expect(stateOf('primary')).toBe('closed');
  });

  it('answers nothing without trying when every model is open, and says so', async () => {
    model.setDefault('primary', { kind: 'status', status: 500 });
    model.setDefault('fallback', { kind: 'status', status: 502 });
    await turn();
    expect(stateOf('primary')).toBe('open');
    expect(stateOf('fallback')).toBe('open');
    const before = model.requests.length;
    const { error } = await turn();
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as Error).message).toMatch(/primary, fallback paused after repeated failures/);
    expect(model.requests.length).toBe(before);
  });

  it('does not count a refused request (400) against the model', async () => {
    model.setDefault('primary', { kind: 'status', status: 400 });
    for (let i = 0; i < 4; i++) await turn();
    expect(stateOf('primary')).toBe('closed');
    model.setDefault('primary', PRIMARY);
    expect((await turn()).result?.model).toBe('primary');
  });

  it('counts failures in a row only: a success in between starts the count again', async () => {
    model.script('primary', { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, PRIMARY);
    model.setDefault('primary', PRIMARY);
    expect((await turn()).result?.model).toBe('primary');
    model.script('primary', { kind: 'status', status: 500 }, { kind: 'status', status: 500 }, PRIMARY);
    expect((await turn()).result?.model).toBe('primary');
    expect(stateOf('primary')).toBe('closed');
  });

  it('sends chat turns straight to the fallback while the primary is skipped', async () => {
    const tech = await makeUser('technician');
    // A cool-down no turn outlasts.
    setTestEnv(modelEnv(model.url, { OPENAI_TIMEOUT: '1', MODEL_BREAKER_FAILURES: '3', MODEL_BREAKER_COOLDOWN_SECONDS: '60' }));
    model.setDefault('primary', { kind: 'status', status: 500 });
    const ask = async (message: string) => {
      const before = model.requests.filter((r) => r.model === 'primary').length;
      const events = await readSse(await call(chat.POST, { as: tech, json: { message } }));
      await settled(events[0].data.assistantMessageId);
      return { events, primaryRequests: model.requests.filter((r) => r.model === 'primary').length - before };
    };
    expect((await ask('Why does the pump rattle?')).primaryRequests).toBe(3);
    for (const question of ['And the valve?', 'And the filter?']) {
      const { events, primaryRequests } = await ask(question);
      expect(primaryRequests).toBe(0);
      expect(answerText(events)).toBe('Fallback answer.');
      expect(events.at(-1)).toMatchObject({ event: 'done', data: { status: 'complete', model: 'fallback', fallbackUsed: true } });
    }
  });
});
