import 'server-only';
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';

/** The one error format of the API (AppError.toBody). */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string().meta({ description: 'Safe to show to the user.' }),
      details: z.unknown().optional().meta({ description: 'For a validation error: the issues, each with its path and message.' }),
      requestId: z.string().optional().meta({ description: 'Quote it when reporting a problem.' }),
    }),
  })
  .meta({ id: 'Error' });

export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (validation_error, invalid_json, bad_request)',
  401: 'Not signed in, or the API token is invalid, expired or revoked',
  403: 'Role not allowed, or a cross-site request (the Origin header is missing or not allowed)',
  404: 'Not found (or not yours)',
  409: 'Conflict with the current state',
  410: 'Gone: it was removed (the message and details say what it was)',
  413: 'The request body is too large',
  415: 'Wrong content type',
  422: 'The file cannot be used (encrypted, corrupt, no text)',
  429: 'Rate limited: try again after Retry-After seconds',
  500: 'Internal error (quote the request id)',
  503: 'Unavailable (restarting or a dependency is down): try again after Retry-After seconds',
};

/** Server-Sent Events, as the chat and a conversation's live stream send them. */
export const eventStream = (description: string) => ({
  description,
  content: {
    'text/event-stream': {
      schema: {
        type: 'string',
        description: 'Lines "event: <name>" and "data: <JSON>", a blank line after each event; comments as heartbeats',
      },
    },
  },
});

/** A file or text body that is not JSON. */
export const fileBody = (description: string, mediaTypes: string[]) => ({
  description,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
});

/** A JSON response, described (with its schema when there is one). */
export const json = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A response without a body (204, 304). */
export const empty = (description: string) => ({ description });
