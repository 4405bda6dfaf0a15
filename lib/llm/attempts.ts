import 'server-only';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { metrics } from '@/lib/ops/metrics';
import { admit, breakerState, recordFailure, recordSuccess, releaseProbe } from './breaker';
import { chatModels, requestTimeoutMs } from './client';
import { CHARS_PER_TOKEN, estimateTokens } from './context';
import { classifyError, LlmAbortError, LlmUnavailableError, type AttemptError } from './errors';
import { estimateCost } from './pricing';
import { nextAttempt, RETRY_POLICY, type NextAttempt } from './retry';
import type { LlmResult } from './types';
import { sleep } from './watchdog';

export interface Attempt {
  model: string;
  fallback: boolean;
  /** 1-based, per model. */
  number: number;
  startedAt: number;
  /** Time of the first token since the start of the whole call. */
  firstTokenMs: number | null;
  /** The one request let through to a model whose circuit breaker is half-open. */
  probe: boolean;
}

export interface AttemptOutput {
  promptChars: number;
  text: string;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  finishReason: string | null;
}

function recordTokens(model: string, promptTokens: number, completionTokens: number): number {
  const costUsd = estimateCost(model, promptTokens, completionTokens);
  const m = metrics();
  m.modelTokens.inc({ model, kind: 'prompt' }, promptTokens);
  m.modelTokens.inc({ model, kind: 'completion' }, completionTokens);
  m.modelCost.inc({ model }, costUsd);
  return costUsd;
}

/**
 * The attempts of one model call, primary then fallback, with retries (retry.ts), as an async
 * iterable: the caller runs each attempt and reports its outcome with `failed` or `succeeded`.
 */
export class AttemptPlan implements AsyncIterable<Attempt> {
  readonly models = chatModels();
  readonly timeoutMs = requestTimeoutMs();
  readonly errors: AttemptError[] = [];
  private readonly started = performance.now();
  private readonly budgetMs = this.timeoutMs * RETRY_POLICY.budgetTimeouts;

  constructor(private readonly signal?: AbortSignal) {}

  elapsedMs(): number {
    return Math.round(performance.now() - this.started);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Attempt> {
    // Without a key every attempt would fail the same way: no point retrying.
    if (!env().llmConfigured) throw new LlmUnavailableError([]);
    let at: (NextAttempt & { probe: boolean }) | null = null;
    let current: Attempt | null = null;
    try {
      at = this.admitFrom(0);
      while (at) {
        if (at.delayMs > 0) await sleep(at.delayMs, this.signal);
        if (this.signal?.aborted) throw new LlmAbortError();
        const before = this.errors.length;
        current = {
          model: this.models[at.model],
          fallback: at.model > 0,
          number: at.retry + 1,
          startedAt: performance.now(),
          firstTokenMs: null,
          probe: at.probe,
        };
        yield current;
        const failure = this.errors[before];
        if (!failure) return;
        current = null;
        // A failed probe, or a breaker that opened on this failure: no more retries on this model.
        if (at.probe || breakerState(failure.model) !== 'closed') {
          at = this.admitFrom(at.model + 1);
          continue;
        }
        const next = nextAttempt({
          at,
          models: this.models.length,
          failure,
          remainingMs: this.budgetMs - this.elapsedMs(),
          attemptMs: this.timeoutMs,
        });
        at = !next ? null : next.model === at.model ? { ...next, probe: false } : this.admitFrom(next.model);
      }
      if (!this.errors.length) throw new LlmUnavailableError([], '', this.skipped);
    } finally {
      // The caller stopped before or during a probe (an abort, a consumer that went away): it is given back.
      if (at?.probe && !(current && this.settled.has(current))) releaseProbe(this.models[at.model]);
    }
  }

  private readonly settled = new WeakSet<Attempt>();
  /** Models skipped because their breaker is open. */
  readonly skipped: string[] = [];

  /** The first model from `index` on that its breaker lets through. */
  private admitFrom(index: number): (NextAttempt & { probe: boolean }) | null {
    for (let model = index; model < this.models.length; model++) {
      const admission = admit(this.models[model]);
      if (admission !== 'skip') return { model, retry: 0, delayMs: 0, probe: admission === 'probe' };
      this.skipped.push(this.models[model]);
    }
    return null;
  }

  markToken(attempt: Attempt): void {
    attempt.firstTokenMs ??= this.elapsedMs();
  }

  /** Records a failed attempt; a caller's abort is rethrown instead (never retried). */
  failed(attempt: Attempt, error: unknown, streamed: string, promptChars: number): AttemptError {
    const durationMs = Math.round(performance.now() - attempt.startedAt);
    if (this.signal?.aborted || error instanceof LlmAbortError) {
      if (attempt.probe) releaseProbe(attempt.model);
      this.settled.add(attempt);
      metrics().modelLatency.observe({ model: attempt.model, outcome: 'aborted' }, durationMs / 1000);
      throw error instanceof LlmAbortError ? error : new LlmAbortError();
    }
    const failure: AttemptError = {
      model: attempt.model,
      attempt: attempt.number,
      ...classifyError(error),
      afterTokens: streamed.length > 0,
      durationMs,
    };
    this.errors.push(failure);
    this.settled.add(attempt);
    // A refused request (400, 404, 422…) says nothing about the model's health.
    if (failure.kind !== 'http' || failure.retryable) recordFailure(attempt.model);
    else if (attempt.probe) releaseProbe(attempt.model);
    metrics().modelLatency.observe({ model: attempt.model, outcome: failure.kind === 'timeout' ? 'timeout' : 'error' }, durationMs / 1000);
    // Tokens streamed before a failure were still generated (and billed).
    if (streamed) recordTokens(attempt.model, Math.ceil(promptChars / CHARS_PER_TOKEN), estimateTokens(streamed));
    const { model, attempt: n, kind, status, message, retryable, afterTokens } = failure;
    log().warn({ model, attempt: n, kind, status, err: message, retryable, afterTokens, durationMs }, 'model attempt failed');
    return failure;
  }

  succeeded(attempt: Attempt, out: AttemptOutput): LlmResult {
    const usageReported = Boolean(out.usage?.prompt_tokens || out.usage?.completion_tokens);
    const promptTokens = usageReported ? (out.usage?.prompt_tokens ?? 0) : Math.ceil(out.promptChars / CHARS_PER_TOKEN);
    const completionTokens = usageReported ? (out.usage?.completion_tokens ?? 0) : estimateTokens(out.text);
    const costUsd = recordTokens(attempt.model, promptTokens, completionTokens);
    this.settled.add(attempt);
    recordSuccess(attempt.model);
    const latencyMs = this.elapsedMs();
    metrics().modelLatency.observe({ model: attempt.model, outcome: 'ok' }, (performance.now() - attempt.startedAt) / 1000);
    if (attempt.fallback) metrics().modelFallbacks.inc();
    const result: LlmResult = {
      model: attempt.model,
      fallbackUsed: attempt.fallback,
      promptTokens,
      completionTokens,
      latencyMs,
      firstTokenMs: attempt.firstTokenMs,
      costUsd,
      attempts: this.errors.length + 1,
      finishReason: out.finishReason,
      usageReported,
    };
    const level = attempt.fallback || this.errors.length ? 'info' : 'debug';
    log()[level](
      {
        model: result.model,
        fallbackUsed: result.fallbackUsed,
        attempts: result.attempts,
        promptTokens,
        completionTokens,
        latencyMs,
        firstTokenMs: result.firstTokenMs,
      },
      'model answered',
    );
    return result;
  }

  unavailable(partial: string): LlmUnavailableError {
    return new LlmUnavailableError(this.errors, partial, this.skipped);
  }
}
