import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { listAuditLogs, type AuditCursor, type AuditFilter, type AuditLogRow } from '@/db/queries/audit';
import { AppError } from '@/lib/errors';
import { audit, type AuditActor, type RequestMeta } from './index';

// The admin's audit log viewer: newest-first pages under a keyset cursor, and the CSV export,
// streamed batch by batch so a long range is never held in memory.

export const AUDIT_PAGE = { defaultSize: 50, maxSize: 200, csvBatch: 1000 } as const;

export type AuditQuery = AuditFilter & { after?: AuditCursor };

/** The cursor a client sends back for the next page: opaque to it, the last row's position to us. */
export function encodeCursor(row: Pick<AuditLogRow, 'position' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.position, row.id])).toString('base64url');
}

export function decodeCursor(cursor: string): AuditCursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(createdAt) && Number.isSafeInteger(id)) {
      return { createdAt, id: id as number };
    }
  } catch {
    // Falls through to the one error below.
  }
  throw new AppError('validation_error', 'Invalid query: cursor: not a cursor this API returned.');
}

/** A row as the API shows it: the cursor position stays inside. */
function toEntry(row: AuditLogRow): Omit<AuditLogRow, 'position'> {
  const entry: Partial<AuditLogRow> = { ...row };
  delete entry.position;
  return entry as Omit<AuditLogRow, 'position'>;
}

export type AuditEntryView = ReturnType<typeof toEntry>;

/** One page of the log and the cursor of the next one (null on the last page). */
export async function listAuditPage(query: AuditQuery & { limit: number }) {
  const rows = await listAuditLogs({ ...query, limit: query.limit + 1 });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { entries: page.map(toEntry), nextCursor: more ? encodeCursor(page[page.length - 1]) : null };
}

export const CSV_COLUMNS = [
  'id',
  'created_at',
  'action',
  'outcome',
  'actor_id',
  'actor_email',
  'target_type',
  'target_id',
  'ip',
  'user_agent',
  'request_id',
  'details',
] as const;

/** A cell a spreadsheet would run as a formula (= + - @, or a tab or carriage return first) gets a leading quote. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvRow(row: AuditLogRow): (string | number)[] {
  const text = [
    row.createdAt.toISOString(),
    row.action,
    row.outcome,
    row.actorId ?? '',
    row.actorEmail ?? '',
    row.targetType ?? '',
    row.targetId ?? '',
    row.ip ?? '',
    row.userAgent ?? '',
    row.requestId ?? '',
    Object.keys(row.details).length ? JSON.stringify(row.details) : '',
  ];
  return [row.id, ...text.map(safeCell)];
}

/** The matching rows as CSV, a header line then one chunk per batch read from the database. */
export function auditCsvStream(filter: AuditFilter, batchSize: number = AUDIT_PAGE.csvBatch): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: AuditCursor | undefined;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A BOM so spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode('\uFEFF' + stringify([[...CSV_COLUMNS]])));
      },
      // Pulled as the client reads: the next batch is fetched only once the last one went out.
      async pull(controller) {
        if (done) return;
        const rows = await listAuditLogs({ ...filter, after, limit: batchSize });
        if (rows.length) {
          controller.enqueue(encoder.encode(stringify(rows.map(csvRow))));
          const last = rows[rows.length - 1];
          after = { createdAt: last.position, id: last.id };
        }
        if (rows.length < batchSize) {
          done = true;
          controller.close();
        }
      },
    },
    { highWaterMark: 1 },
  );
}

/** The file name of an export: fixline-audit-<from>-<to>.csv, with "start" for an open beginning. */
export function csvFileName(filter: AuditFilter, now = new Date()): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return `fixline-audit-${filter.from ? day(filter.from) : 'start'}-${day(filter.to ?? now)}.csv`;
}

/** Starts an export: the export itself is an audited action. */
export async function exportAuditCsv(filter: AuditFilter, actor: AuditActor, meta: RequestMeta) {
  await audit({
    action: 'audit.exported',
    actor,
    details: Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
    meta,
  });
  return { fileName: csvFileName(filter), body: auditCsvStream(filter) };
}
