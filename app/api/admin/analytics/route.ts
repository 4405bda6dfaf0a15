// GET /api/admin/analytics – the analytics dashboard's figures for a range of days, or one of its tables as CSV (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { getAnalyticsDashboard } from '@/lib/analytics/dashboard';
import { analyticsCsv } from '@/lib/analytics/export';
import { analyticsQuery } from './schema';

export const GET = route({ name: 'GET /api/admin/analytics', roles: ['admin'], query: analyticsQuery }, async ({ query }) =>
  query.format === 'csv' && query.table ? analyticsCsv(query.range, query.table) : getAnalyticsDashboard(query.range),
);

documentRoute(GET, {
  summary: 'The analytics dashboard for a range of days (default the last 30), or one of its tables as CSV with format=csv&table=…',
});
