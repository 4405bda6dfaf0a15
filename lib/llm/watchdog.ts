import 'server-only';
import { IdleTimeoutError, LlmAbortError } from './errors';

/**
 * Aborts a request when the server is silent for `ms` (before the headers or between chunks),
 * or when the caller aborts. Paused while the caller handles a chunk, so a slow reader is not
 * mistaken for a stalled server.
 */
export class Watchdog {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private fired = false;
  private sawData = false;
  private readonly onCallerAbort = () => this.controller.abort();

  constructor(
    private readonly ms: number,
    private readonly caller?: AbortSignal,
  ) {
    caller?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (caller?.aborted) this.controller.abort();
    this.arm();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Restart the countdown; `data` says something arrived from the server. */
  arm(data = false): void {
    this.sawData ||= data;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort();
    }, this.ms);
  }

  pause(): void {
    clearTimeout(this.timer);
  }

  /** Why the request was cut, if we cut it: the caller's abort wins over our own timeout. */
  failure(): Error | null {
    if (this.caller?.aborted) return new LlmAbortError();
    if (this.fired) return new IdleTimeoutError(this.ms, this.sawData);
    return null;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
    this.controller.abort();
  }
}

/** A delay that ends early, with LlmAbortError, when the caller aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LlmAbortError());
    const done = () => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const aborted = () => {
      clearTimeout(timer);
      reject(new LlmAbortError());
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
