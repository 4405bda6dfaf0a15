import { env } from '@/lib/env';
import { MemoryStore } from './memory';
import { RedisStore } from './redis';
import type { Store } from './types';

export type { RateLimitPolicy, Store, StoreHealth, Unsubscribe } from './types';

const globalForStore = globalThis as unknown as { fixlineStore?: Store };

/** The one store client: Redis when REDIS_URL is set, in-process otherwise. */
export function store(): Store {
  if (!globalForStore.fixlineStore) {
    const settings = env();
    globalForStore.fixlineStore = settings.REDIS_URL
      ? new RedisStore(settings.REDIS_URL, settings.REDIS_PREFIX)
      : new MemoryStore();
  }
  return globalForStore.fixlineStore;
}

export async function closeStore(): Promise<void> {
  const s = globalForStore.fixlineStore;
  globalForStore.fixlineStore = undefined;
  await s?.close();
}
