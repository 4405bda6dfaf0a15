// The model client's own tests: one stub model server for the file, and before each test the
// settings pointing at it (primary and fallback models, short timeouts) and its answers reset.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { modelEnv, NO_MODEL, setTestEnv } from './env';
import { startModelServer, type ModelServer } from './model-server';

export const TEST_MESSAGES = [
  { role: 'system' as const, content: 'You are a test.' },
  { role: 'user' as const, content: 'What does E07 mean?' },
];
export const PRIMARY_TOKENS = ['E07 ', 'means ', 'low ', 'oil ', 'pressure ', '[1].'];

export function startLlmTestServer() {
  let server: ModelServer | undefined;
  beforeAll(async () => {
    server = await startModelServer();
  });
  afterAll(async () => {
    await server?.close();
    setTestEnv({ ...NO_MODEL, LOG_LEVEL: undefined });
  });
  beforeEach(() => {
    const s = context.server;
    setTestEnv(
      modelEnv(s.url, {
        OPENAI_TIMEOUT: '0.5',
        OPENAI_MAX_TOKENS: '256',
        OPENAI_TEMPERATURE: '0.3',
        OPENAI_EMBEDDING_MODEL: undefined,
        LOG_LEVEL: 'silent',
      }),
    );
    s.reset();
    s.setDefault('primary', {
      kind: 'stream',
      tokens: PRIMARY_TOKENS,
      tokenDelayMs: 2,
      usage: { prompt_tokens: 120, completion_tokens: 6 },
    });
    s.setDefault('fallback', { kind: 'stream', tokens: ['Fallback ', 'answer.'], tokenDelayMs: 2 });
  });
  const context = {
    get server(): ModelServer {
      if (!server) throw new Error('the model server starts in beforeAll');
      return server;
    },
    /** How many requests asked for `model`. */
    calls: (model: string) => context.server.requests.filter((r) => r.model === model).length,
  };
  return context;
}
