import 'server-only';
import { z } from 'zod';

/** How far back the dashboard reads by default, and the longest range it reads at once (days). */
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 400;

const DAY_MS = 86_400_000;

/** A range of whole UTC days, both ends included, as the dashboard and its API name them. */
export interface DayRange {
  from: string;
  to: string;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function daysIn({ from, to }: DayRange): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The range's instants: the first day's midnight (included) to the midnight after the last day (excluded). */
export function toTimeRange(range: DayRange): { from: Date; to: Date } {
  return { from: new Date(`${range.from}T00:00:00Z`), to: new Date(`${addDays(range.to, 1)}T00:00:00Z`) };
}

/** `from` and `to` (YYYY-MM-DD, both optional): the last 30 days by default, from ≤ to, at most 400 days. */
export const dayRangeFields = {
  from: z.iso.date({ error: 'Use a date as YYYY-MM-DD.' }).optional(),
  to: z.iso.date({ error: 'Use a date as YYYY-MM-DD.' }).optional(),
};

/** Fills in the default ends and checks the range; the issues name the field at fault. */
export function resolveDayRange(input: { from?: string; to?: string }, ctx: z.RefinementCtx, today = isoDay(new Date())): DayRange {
  const to = input.to ?? (input.from && input.from > today ? input.from : today);
  const from = input.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: '`from` must be on or before `to`.' });
  else if (daysIn({ from, to }) > MAX_RANGE_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `The range can span at most ${MAX_RANGE_DAYS} days.` });
  }
  return { from, to };
}

export const dayRangeQuery = z.object(dayRangeFields).transform((input, ctx) => resolveDayRange(input, ctx));
