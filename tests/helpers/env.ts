import { resetTransports } from '@/lib/email/transport';
import { resetEnv } from '@/lib/env';
import { resetLlmClients } from '@/lib/llm';

export type EnvValues = Record<string, string | undefined>;

/** No model API: manuals-only mode. */
export const NO_MODEL: EnvValues = {
  OPENAI_API_KEY: undefined,
  OPENAI_BASE_URL: undefined,
  OPENAI_MODEL: undefined,
  OPENAI_FALLBACK_MODEL: undefined,
  OPENAI_TIMEOUT: undefined,
  OPENAI_EMBEDDING_MODEL: undefined,
};

/** The model API served by a test's model server at `url`: a primary and a fallback model; `values` adds or overrides. */
export function modelEnv(url: string, values: EnvValues = {}): EnvValues {
  return {
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: url,
    OPENAI_MODEL: 'primary',
    OPENAI_FALLBACK_MODEL: 'fallback',
    OPENAI_TIMEOUT: '2',
    ...values,
  };
}

/** Writes the variables (undefined removes one) without touching what was parsed from them. */
export function writeEnv(values: EnvValues): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

/**
 * Sets the variables (undefined removes one), then drops the settings and every client built from
 * them (model API, mail), so the next call reads the new values. Returns what puts the old ones back.
 */
export function setTestEnv(values: EnvValues): () => void {
  const before: EnvValues = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  writeEnv(values);
  resetSettings();
  return () => {
    writeEnv(before);
    resetSettings();
  };
}

/** Runs `fn` with the variables set, and puts the old values back afterwards. */
export async function withEnv<T>(values: EnvValues, fn: () => Promise<T> | T): Promise<T> {
  const restore = setTestEnv(values);
  try {
    return await fn();
  } finally {
    restore();
  }
}

function resetSettings(): void {
  resetEnv();
  resetLlmClients();
  resetTransports();
}
