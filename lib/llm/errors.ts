import 'server-only';
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { isRetryableStatus, retryAfterMs } from './retry';

export type AttemptErrorKind = 'timeout' | 'network' | 'http' | 'stream';

/** One failed attempt, as kept for the caller, the logs and support. Never holds message content. */
export interface AttemptError {
  model: string;
  /** 1-based attempt number on this model. */
  attempt: number;
  kind: AttemptErrorKind;
  status?: number;
  message: string;
  retryable: boolean;
  retryAfterMs?: number | null;
  /** The attempt had already streamed text when it failed. */
  afterTokens: boolean;
  durationMs: number;
}

/** Every model and retry failed. `partial` is what the last attempt streamed before failing, if anything. */
export class LlmUnavailableError extends Error {
  constructor(
    readonly attempts: AttemptError[],
    readonly partial = '',
    /** Models not tried because their circuit breaker is open. */
    readonly skipped: string[] = [],
  ) {
    const last = attempts.at(-1);
    super(
      last
        ? `model API unavailable after ${attempts.length} attempt(s): ${last.model}: ${last.message}`
        : skipped.length
          ? `model API unavailable: ${skipped.join(', ')} paused after repeated failures`
          : 'no model API configured (OPENAI_API_KEY is not set)',
    );
    this.name = 'LlmUnavailableError';
  }
}

/** The caller's signal aborted the call. Named like the platform's abort errors, so generic checks match. */
export class LlmAbortError extends Error {
  constructor(message = 'the model call was aborted') {
    super(message);
    this.name = 'AbortError';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Raised by our own watchdog when the server goes quiet (before headers or between chunks). */
export class IdleTimeoutError extends Error {
  constructor(ms: number, afterFirstChunk: boolean) {
    super(afterFirstChunk ? `no data from the model for ${ms} ms (stalled mid-answer)` : `no answer from the model within ${ms} ms`);
    this.name = 'IdleTimeoutError';
  }
}

/** The stream closed cleanly but the answer never finished (no finish_reason). */
export class IncompleteStreamError extends Error {
  constructor() {
    super('the model stream ended before the answer was complete');
    this.name = 'IncompleteStreamError';
  }
}

type Classified = Pick<AttemptError, 'kind' | 'status' | 'message' | 'retryable' | 'retryAfterMs'>;

export function classifyError(error: unknown): Classified {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  if (error instanceof IdleTimeoutError || error instanceof APIConnectionTimeoutError) return { kind: 'timeout', message, retryable: true };
  if (error instanceof APIConnectionError) return { kind: 'network', message, retryable: true };
  if (error instanceof APIError) {
    // An error event inside an open stream has no HTTP status: the server gave up mid-answer.
    if (error.status === undefined) return { kind: 'stream', message, retryable: true };
    const shouldRetry = error.headers?.get('x-should-retry');
    const retryable = shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : isRetryableStatus(error.status);
    return { kind: 'http', status: error.status, message, retryable, retryAfterMs: retryAfterMs(error.headers) };
  }
  // Sockets closed mid-body ("terminated"), bad chunks, early ends: the server side broke.
  return { kind: error instanceof IncompleteStreamError ? 'stream' : 'network', message, retryable: true };
}
