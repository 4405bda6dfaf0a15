import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetHandedOver, handOver, handoverStats, takeHandedOver } from '@/lib/knowledge/ingest/handover';
import type { ProcessedManual } from '@/lib/knowledge/ingest/pipeline';

const manual = (chars = 100): ProcessedManual => ({
  pageCount: 1,
  pages: [{ pageNumber: 1, text: 'x'.repeat(chars) }],
  chunks: [{ pageStart: 1, pageEnd: 1, heading: null, content: 'x'.repeat(chars) }],
  tsConfig: 'english',
});

beforeEach(() => forgetHandedOver());
afterEach(() => vi.restoreAllMocks());

describe('pages handed from the upload check to the ingestion job', () => {
  it('gives the checked manual to the job of that document once', () => {
    const m = manual();
    handOver('doc-1', 'sha-1', m);
    expect(takeHandedOver('doc-1', 'sha-1')).toBe(m);
    expect(takeHandedOver('doc-1', 'sha-1')).toBeUndefined();
    expect(handoverStats()).toEqual({ entries: 0, chars: 0 });
  });

  it('gives nothing when the stored content is not the checked one', () => {
    handOver('doc-1', 'sha-1', manual());
    expect(takeHandedOver('doc-1', 'sha-other')).toBeUndefined();
    expect(handoverStats().entries).toBe(0);
  });

  it('forgets what has waited too long', () => {
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    handOver('doc-1', 'sha-1', manual());
    clock.mockReturnValue(now + 16 * 60_000);
    expect(takeHandedOver('doc-1', 'sha-1')).toBeUndefined();
  });

  it('keeps memory bounded: oldest entries make room, and a huge manual is not kept', () => {
    for (let i = 0; i < 40; i++) handOver(`doc-${i}`, `sha-${i}`, manual());
    expect(handoverStats()).toEqual({ entries: 32, chars: 32 * 200 });
    expect(takeHandedOver('doc-0', 'sha-0')).toBeUndefined();
    expect(takeHandedOver('doc-39', 'sha-39')).toBeDefined();
    handOver('doc-huge', 'sha-huge', manual(9 * 1024 * 1024));
    expect(takeHandedOver('doc-huge', 'sha-huge')).toBeUndefined();
  });

  it('makes room by size as well as by count', () => {
    handOver('doc-a', 'sha-a', manual(5 * 1024 * 1024));
    handOver('doc-b', 'sha-b', manual(5 * 1024 * 1024));
    expect(handoverStats().entries).toBe(1);
    expect(takeHandedOver('doc-b', 'sha-b')).toBeDefined();
  });
});
