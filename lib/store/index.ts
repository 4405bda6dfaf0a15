import 'server-only';
import { env } from '@/lib/env';
import { dropSingleton, singleton } from '@/lib/singleton';
import { MemoryStore } from './memory';
import { RedisStore } from './redis';
import type { Store } from './types';

export type { RateLimitPolicy, Store, StoreHealth, Unsubscribe } from './types';

/** The one store client: Redis when REDIS_URL is set, in-process otherwise. */
export function store(): Store {
  return singleton<Store>('fixlineStore', () => {
    const settings = env();
    return settings.REDIS_URL ? new RedisStore(settings.REDIS_URL, settings.REDIS_PREFIX) : new MemoryStore();
  });
}

export async function closeStore(): Promise<void> {
  await dropSingleton<Store>('fixlineStore')?.close();
}
