import 'server-only';
import { singleton } from '@/lib/singleton';
import type { ProcessedManual } from './pipeline';

/*
 * The upload check reads the whole manual before anything is stored; the ingestion job that
 * follows in the same process takes that result instead of reading the file again. Kept in
 * memory only, bounded in size and age: after a restart, on another instance, for a re-index or
 * once evicted, the job simply reads the stored file.
 */
const LIMITS = { maxEntries: 32, maxChars: 16 * 1024 * 1024, ttlMs: 15 * 60_000 } as const;

interface Entry {
  sha256: string;
  manual: ProcessedManual;
  chars: number;
  at: number;
}

interface Handover {
  entries: Map<string, Entry>;
  chars: number;
}

// One per process: the upload route and the ingestion worker may load this module separately (bundles).
function state(): Handover {
  return singleton<Handover>('fixlineHandover', () => ({ entries: new Map(), chars: 0 }));
}

function sizeOf(manual: ProcessedManual): number {
  return (
    manual.pages.reduce((n, p) => n + p.text.length, 0) + manual.chunks.reduce((n, c) => n + c.content.length + (c.heading?.length ?? 0), 0)
  );
}

function drop(key: string): void {
  const s = state();
  const entry = s.entries.get(key);
  if (!entry) return;
  s.entries.delete(key);
  s.chars -= entry.chars;
}

/** Keeps a checked manual for the ingestion job of this document (oldest entries make room). */
export function handOver(documentId: string, sha256: string, manual: ProcessedManual): void {
  const s = state();
  const chars = sizeOf(manual);
  drop(documentId);
  if (chars > LIMITS.maxChars) return;
  const now = Date.now();
  for (const [key, entry] of s.entries) {
    if (s.entries.size < LIMITS.maxEntries && s.chars + chars <= LIMITS.maxChars && now - entry.at < LIMITS.ttlMs) break;
    drop(key);
  }
  s.entries.set(documentId, { sha256, manual, chars, at: now });
  s.chars += chars;
}

/** The checked manual for this document and file content, once; undefined when it is not (or no longer) here. */
export function takeHandedOver(documentId: string, sha256: string): ProcessedManual | undefined {
  const entry = state().entries.get(documentId);
  drop(documentId);
  if (!entry || entry.sha256 !== sha256 || Date.now() - entry.at >= LIMITS.ttlMs) return undefined;
  return entry.manual;
}

/** Forgets everything handed over, as a restart would (benchmarks, tests). */
export function forgetHandedOver(documentId?: string): void {
  if (documentId) return drop(documentId);
  state().entries.clear();
  state().chars = 0;
}

export function handoverStats() {
  return { entries: state().entries.size, chars: state().chars };
}
