import { z } from 'zod';
import { ANALYTICS_TABLE_NAMES } from '@/lib/analytics/export';
import { dayRangeFields, resolveDayRange } from '@/lib/analytics/range';

export const analyticsQuery = z
  .strictObject({
    ...dayRangeFields,
    format: z.enum(['json', 'csv']).default('json'),
    table: z.enum(ANALYTICS_TABLE_NAMES).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.format === 'csv' && !q.table)
      ctx.addIssue({ code: 'custom', path: ['table'], message: `Name the table to export: ${ANALYTICS_TABLE_NAMES.join(', ')}.` });
  })
  .transform(({ from, to, ...rest }, ctx) => ({ ...rest, range: resolveDayRange({ from, to }, ctx) }));

export type AnalyticsQuery = z.infer<typeof analyticsQuery>;
