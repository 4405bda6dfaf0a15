// The browser's one way to call the Fixline API (same origin, cookie auth): every failure becomes
// an ApiError or a NetworkError with a message fit to show.
import type { ErrorBody } from '@/lib/errors';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from `Retry-After` on 429/503. */
    readonly retryAfter: number | null = null,
    /** The error's `details`, e.g. the manual an upload duplicates. */
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** fetch() itself failed: offline, DNS, connection reset. */
export class NetworkError extends Error {
  constructor() {
    super('Could not reach Fixline. Check your connection and try again.');
    this.name = 'NetworkError';
  }
}

/** Messages for a refusal whose body says nothing better; callers add their own (e.g. a 404's). */
const FALLBACK: Record<number, string> = {
  401: 'Your sign-in has expired. Sign in again to continue.',
  403: 'You are not allowed to do this.',
  413: 'The request is too large.',
  429: 'You are sending requests quickly. Try again in a moment.',
  // The app's own 503s say what is missing (e.g. its database); a proxy's say nothing.
  503: "Fixline can't be reached right now. Try again in a moment.",
};

export type Fallbacks = Record<number, string>;

export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The message of a refusal: the body's, else one for its status. */
export function errorMessage(status: number, body: Partial<ErrorBody> | null, fallbacks: Fallbacks = {}): string {
  return (
    body?.error?.message ||
    fallbacks[status] ||
    FALLBACK[status] ||
    (status >= 500 ? 'Fixline is having trouble right now. Try again in a moment.' : `The request failed (HTTP ${status}).`)
  );
}

/** Builds the ApiError of a non-2xx response from its `{ error: { code, message } }` body. */
async function toApiError(res: Response, fallbacks: Fallbacks = {}): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  const message = errorMessage(res.status, body, fallbacks);
  return new ApiError(
    res.status,
    body?.error?.code ?? `http_${res.status}`,
    message,
    parseRetryAfter(res.headers.get('retry-after')),
    body?.error?.details,
  );
}

export interface RequestOptions extends RequestInit {
  /** Sent as the JSON body. */
  json?: unknown;
  /** Messages for statuses whose body gives none. */
  fallbacks?: Fallbacks;
}

export async function request(url: string, init: RequestOptions = {}): Promise<Response> {
  const { json, headers, fallbacks, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...rest,
      headers: { ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), Accept: 'application/json', ...headers },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new NetworkError();
  }
  if (!res.ok) throw await toApiError(res, fallbacks);
  return res;
}

/** A JSON reply, typed by the API's wire types (lib/…/views.ts). */
export async function requestJson<T>(url: string, init?: RequestOptions): Promise<T> {
  return (await (await request(url, init)).json()) as T;
}
