import 'server-only';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { EXPORT_LIMIT, getAnalyticsDashboard, type AnalyticsDashboard } from './dashboard';
import type { DayRange } from './range';

type Cell = string | number | null;
type Table = { columns: string[]; rows: (d: AnalyticsDashboard) => Cell[][] };

const pct = (rate: number | null) => (rate === null ? null : Number((rate * 100).toFixed(1)));

/** The dashboard's tables as CSV: the same figures the page shows, one file each. */
export const ANALYTICS_TABLES = {
  daily: {
    columns: ['day', 'conversations', 'messages', 'escalations'],
    rows: (d) => d.daily.map((r) => [r.day, r.conversations, r.messages, r.escalations]),
  },
  summary: {
    columns: ['figure', 'value'],
    rows: (d) => [
      ['conversations', d.outcomes.conversations],
      ['resolved conversations', d.outcomes.resolved],
      ['resolution rate %', pct(d.outcomes.resolutionRate)],
      ['escalated conversations', d.outcomes.escalated],
      ['escalation rate %', pct(d.outcomes.escalationRate)],
      ['answers', d.answers.answers],
      ['fallback model answers', d.answers.fallback],
      ['fallback rate %', pct(d.answers.fallbackRate)],
      ['manuals-only answers', d.answers.manualsOnly],
      ['manuals-only rate %', pct(d.answers.manualsOnlyRate)],
      ['answer latency p50 ms', d.latency.fullP50],
      ['answer latency p95 ms', d.latency.fullP95],
      ['first token p50 ms', d.latency.firstTokenP50],
      ['first token p95 ms', d.latency.firstTokenP95],
    ],
  },
  escalations: {
    columns: ['reason', 'escalations'],
    rows: (d) => d.escalationReasons.map((r) => [r.reason, r.count]),
  },
  feedback: {
    columns: ['rating', 'count', 'share %'],
    rows: (d) => [
      ['helpful', d.feedback.helpful, pct(d.feedback.helpfulShare)],
      ['not helpful', d.feedback.notHelpful, d.feedback.helpfulShare === null ? null : pct(1 - d.feedback.helpfulShare)],
    ],
  },
  models: {
    columns: ['model', 'answers', 'prompt tokens', 'completion tokens', 'estimated cost USD'],
    rows: (d) => d.models.map((m) => [m.model, m.answers, m.promptTokens, m.completionTokens, Number(m.costUsd.toFixed(4))]),
  },
  'machine-models': {
    columns: ['machine model', 'conversations'],
    rows: (d) => d.machineModels.map((m) => [m.machineModel, m.conversations]),
  },
  gaps: {
    columns: ['machine model', 'manual', 'question words', 'occurrences', 'declined', 'no passage', 'not helpful', 'last seen', 'examples'],
    rows: (d) =>
      d.gaps.map((g) => [
        g.machineModel,
        g.manual,
        g.words,
        g.occurrences,
        g.declined,
        g.noPassage,
        g.notHelpful,
        g.lastSeen.toISOString(),
        g.examples.join(' | '),
      ]),
  },
} satisfies Record<string, Table>;

export type AnalyticsTable = keyof typeof ANALYTICS_TABLES;
export const ANALYTICS_TABLE_NAMES = Object.keys(ANALYTICS_TABLES) as [AnalyticsTable, ...AnalyticsTable[]];

/** A spreadsheet runs a cell that starts with = + - @ (or a tab or return) as a formula: such text is quoted with '. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One table of the dashboard as a CSV download, written row by row as it is read. */
export async function analyticsCsv(range: DayRange, table: AnalyticsTable): Promise<Response> {
  const dashboard = await getAnalyticsDashboard(range, { machineModels: EXPORT_LIMIT, gaps: EXPORT_LIMIT });
  const { columns, rows } = ANALYTICS_TABLES[table] as Table;
  const csv = stringify({ header: true, columns, cast: { string: safeCell } });
  const body = Readable.from(rows(dashboard)).pipe(csv);
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="fixline-analytics-${table}-${range.from}-to-${range.to}.csv"`,
    },
  });
}
