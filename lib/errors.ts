import 'server-only';
export const ERROR_STATUS = {
  bad_request: 400,
  validation_error: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  /** The user has not consented (or withdrew consent) to AI processing: POST /api/me/consent first. */
  consent_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}

/** The one error type the API speaks: a code, a message safe to show, an HTTP status. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { details?: unknown; retryAfterSeconds?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }

  toBody(requestId?: string): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.options.details === undefined ? {} : { details: this.options.details }),
        ...(requestId ? { requestId } : {}),
      },
    };
  }

  toResponse(requestId?: string): Response {
    const headers: Record<string, string> = { 'cache-control': 'no-store', ...this.options.headers };
    if (this.options.retryAfterSeconds !== undefined)
      headers['retry-after'] = String(Math.max(1, Math.ceil(this.options.retryAfterSeconds)));
    if (requestId) headers['x-request-id'] = requestId;
    return Response.json(this.toBody(requestId), { status: this.status, headers });
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found.`);
export const forbidden = (message = 'You do not have permission to do this.') => new AppError('forbidden', message);
export const unauthorized = (message = 'Sign in to continue.') => new AppError('unauthorized', message);
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, { details });

/** The database cannot be reached (restarting, connection lost): the request may work in a moment. */
export const databaseUnavailable = () =>
  new AppError('unavailable', "Fixline can't reach its database right now. Try again in a moment.", { retryAfterSeconds: 5 });
