import 'server-only';
import pino from 'pino';
import { env } from '@/lib/env';
import { singleton } from '@/lib/singleton';

/** Create the logger; `destination` is for tests that read the lines written. */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  let level: pino.LevelWithSilent = 'info';
  try {
    level = env().NODE_ENV === 'test' && env().LOG_LEVEL === 'info' ? 'warn' : env().LOG_LEVEL;
  } catch {
    // A bad configuration is reported by whoever parses it; logging still works.
  }
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'fixline' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }), log: withoutQueries },
    redact: {
      paths: [
        'password',
        '*.password',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'headers.cookie',
        'token',
        '*.token',
        'apiKey',
        '*.apiKey',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const create = () => createLogger();

// A database error's message is "Failed query: <sql>\nparams: <values>": the values hold user text and hashes.
const QUERY_TEXT = /Failed query:|\nparams: /;

/** Every logged field that carries a failed query's text becomes a plain note, whoever logs it. */
function withoutQueries(object: Record<string, unknown>): Record<string, unknown> {
  let out = object;
  for (const [key, value] of Object.entries(object)) {
    const text = typeof value === 'string' ? value : value instanceof Error ? value.message : undefined;
    if (text !== undefined && QUERY_TEXT.test(text)) {
      if (out === object) out = { ...object };
      out[key] = typeof value === 'string' ? 'database query failed' : errorSummary(value);
    }
  }
  return out;
}

/** Structured JSON logs. Message bodies and secrets are never logged at info. */
export function log(): pino.Logger {
  return singleton('fixlineLog', create);
}

/** Single-line text for logs and mail headers: CR/LF and control characters cannot forge lines. */
export function oneLine(value: string, max = 500): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').slice(0, max);
}

/** An error for the logs without the query text and parameters a database error carries (they hold user text). */
export function errorSummary(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string; code?: string } };
  const text = e?.cause?.message ? `${e.cause.message}${e.cause.code ? ` (${e.cause.code})` : ''}` : String(e?.message ?? error);
  return oneLine(text.startsWith('Failed query:') ? 'database query failed' : text, 300);
}
