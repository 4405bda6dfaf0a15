import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICE, estimateCost, MODEL_PRICES, priceFor } from '@/lib/llm/pricing';

describe('model prices', () => {
  it('knows the common models', () => {
    for (const model of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-3.5-turbo', 'o1', 'o3-mini', 'o4-mini']) {
      expect(priceFor(model)).toBe(MODEL_PRICES[model]);
    }
  });

  it('matches dated snapshots, router prefixes and fine-tunes to their family (longest name first)', () => {
    expect(priceFor('gpt-4o-mini-2024-07-18')).toBe(MODEL_PRICES['gpt-4o-mini']);
    expect(priceFor('gpt-4o-2024-08-06')).toBe(MODEL_PRICES['gpt-4o']);
    expect(priceFor('gpt-4.1-nano-2025-04-14')).toBe(MODEL_PRICES['gpt-4.1-nano']);
    expect(priceFor('gpt-4-0613')).toBe(MODEL_PRICES['gpt-4']);
    expect(priceFor('openai/gpt-4.1-mini')).toBe(MODEL_PRICES['gpt-4.1-mini']);
    expect(priceFor('ft:gpt-4o-mini:acme::abc123')).toBe(MODEL_PRICES['gpt-4o-mini']);
    expect(priceFor('GPT-4o')).toBe(MODEL_PRICES['gpt-4o']);
  });

  it('uses the default for unknown models', () => {
    expect(priceFor('llama3.1:8b')).toBe(DEFAULT_PRICE);
    expect(priceFor('gpt-4oops')).toBe(DEFAULT_PRICE);
  });
});

describe('estimateCost', () => {
  it('prices input and output per million tokens', () => {
    expect(estimateCost('gpt-4o-mini', 1_000_000, 0)).toBeCloseTo(0.15, 10);
    expect(estimateCost('gpt-4o-mini', 0, 1_000_000)).toBeCloseTo(0.6, 10);
    expect(estimateCost('gpt-4o', 1_200, 300)).toBeCloseTo((1_200 * 2.5 + 300 * 10) / 1e6, 12);
  });

  it('is zero for no tokens and never negative', () => {
    expect(estimateCost('gpt-4.1', 0, 0)).toBe(0);
    expect(estimateCost('gpt-4.1', -5, -5)).toBe(0);
  });
});
