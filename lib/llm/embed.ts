import 'server-only';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { metrics } from '@/lib/ops/metrics';
import { llmClient, requestTimeoutMs } from './client';
import { estimateTokens } from './context';
import { classifyError, LlmUnavailableError, type AttemptError } from './errors';
import { estimateCost } from './pricing';
import { nextAttempt, RETRY_POLICY, type NextAttempt } from './retry';
import { sleep, Watchdog } from './watchdog';

const EMBED_POLICY = {
  batchSize: 96,
  /** Keeps one request well under the API's per-request token limit. */
  batchChars: 200_000,
  /** Inputs beyond this are cut (the API refuses inputs over ~8k tokens); chunks are far smaller. */
  maxInputChars: 16_000,
} as const;

export function embeddingsConfigured(): boolean {
  const settings = env();
  return settings.llmConfigured && Boolean(settings.OPENAI_EMBEDDING_MODEL);
}

/** Splits inputs into requests bounded by count and size, in order. */
function embeddingBatches(texts: string[], policy = EMBED_POLICY): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const raw of texts) {
    // The API refuses empty strings; a blank chunk still needs a vector in its place.
    const text = raw.slice(0, policy.maxInputChars) || ' ';
    if (current.length && (current.length >= policy.batchSize || chars + text.length > policy.batchChars)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(text);
    chars += text.length;
  }
  if (current.length) batches.push(current);
  return batches;
}

async function embedBatch(model: string, input: string[], signal?: AbortSignal): Promise<number[][]> {
  const errors: AttemptError[] = [];
  const started = performance.now();
  const timeoutMs = requestTimeoutMs();
  let at: NextAttempt | null = { model: 0, retry: 0, delayMs: 0 };
  while (at) {
    if (at.delayMs) await sleep(at.delayMs, signal);
    const dog = new Watchdog(timeoutMs, signal);
    const attemptStarted = performance.now();
    try {
      const response = await llmClient().embeddings.create({ model, input, encoding_format: 'float' }, { signal: dog.signal });
      const tokens = response.usage?.prompt_tokens || input.reduce((n, t) => n + estimateTokens(t), 0);
      metrics().modelTokens.inc({ model, kind: 'embedding' }, tokens);
      metrics().modelCost.inc({ model }, estimateCost(model, tokens, 0));
      const vectors = [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      if (vectors.length !== input.length) throw new Error(`expected ${input.length} embeddings, got ${vectors.length}`);
      return vectors;
    } catch (error) {
      const cut = dog.failure();
      if (cut?.name === 'AbortError') throw cut;
      const failure: AttemptError = {
        model,
        attempt: at.retry + 1,
        ...classifyError(cut ?? error),
        afterTokens: false,
        durationMs: Math.round(performance.now() - attemptStarted),
      };
      errors.push(failure);
      log().warn(
        { model, attempt: failure.attempt, kind: failure.kind, status: failure.status, err: failure.message },
        'embedding request failed',
      );
      const remainingMs = timeoutMs * RETRY_POLICY.budgetTimeouts - (performance.now() - started);
      at = nextAttempt({ at, models: 1, failure, remainingMs, attemptMs: timeoutMs });
    } finally {
      dog.dispose();
    }
  }
  throw new LlmUnavailableError(errors);
}

/** One vector per text, in order; null when no embeddings model is configured. */
export async function embedTexts(texts: string[], signal?: AbortSignal): Promise<number[][] | null> {
  if (!embeddingsConfigured()) return null;
  const model = env().OPENAI_EMBEDDING_MODEL!;
  const out: number[][] = [];
  for (const batch of embeddingBatches(texts)) out.push(...(await embedBatch(model, batch, signal)));
  return out;
}
