// One value per key for the whole process. Next loads a module once per bundle (route handlers,
// instrumentation) and again on every reload in development, so state kept at module level would
// be duplicated; kept here, on globalThis, every copy of a module sees the same value.
import 'server-only';
const values = ((globalThis as { fixlineSingletons?: Map<string, unknown> }).fixlineSingletons ??= new Map());

/**
 * The value kept under `key`, made by `create` on first use. With `isCurrent`, a value it rejects
 * (settings changed, a cached answer expired) is dropped and made again.
 */
export function singleton<T>(key: string, create: () => T, isCurrent?: (value: T) => boolean): T {
  if (values.has(key) && (!isCurrent || isCurrent(values.get(key) as T))) return values.get(key) as T;
  values.delete(key);
  const value = create();
  values.set(key, value);
  return value;
}

/** Forgets the value under `key` (tests, closing a client) and returns it, so the caller can close it. */
export function dropSingleton<T>(key: string): T | undefined {
  const value = values.get(key) as T | undefined;
  values.delete(key);
  return value;
}
