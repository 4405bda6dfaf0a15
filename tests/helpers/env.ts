import { resetTransports } from '@/lib/email/transport';
import { resetEnv } from '@/lib/env';
import { resetLlmClients } from '@/lib/llm';

export type EnvValues = Record<string, string | undefined>;

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
