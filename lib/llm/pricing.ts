/** Estimated list prices in USD per 1M tokens. Figures for analytics, not for billing. */
import 'server-only';
export interface ModelPrice {
  input: number;
  output: number;
}

// Longest matching prefix wins, so dated snapshots ("gpt-4o-mini-2024-07-18") find their family.
export const MODEL_PRICES: Record<string, ModelPrice> = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-4': { input: 30, output: 60 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60 },
  'o1-mini': { input: 1.1, output: 4.4 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
};

/** Unknown models (self-hosted, other vendors) are costed like a mid-range hosted model. */
export const DEFAULT_PRICE: ModelPrice = { input: 0.4, output: 1.6 };

const byLength = Object.keys(MODEL_PRICES).sort((a, b) => b.length - a.length);

export function priceFor(model: string): ModelPrice {
  // "openai/gpt-4o" (routers) and "ft:gpt-4o-mini:org::id" (fine-tunes) name the base model inside.
  const name = model.toLowerCase().replace(/^ft:/, '').split('/').pop() ?? '';
  const key = byLength.find((k) => name === k || name.startsWith(`${k}-`) || name.startsWith(`${k}:`));
  return key ? MODEL_PRICES[key] : DEFAULT_PRICE;
}

export function estimateCost(model: string, promptTokens: number, completionTokens: number): number {
  const price = priceFor(model);
  return (Math.max(0, promptTokens) * price.input + Math.max(0, completionTokens) * price.output) / 1_000_000;
}
