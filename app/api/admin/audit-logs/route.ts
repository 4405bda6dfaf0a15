// GET /api/admin/audit-logs – the audit log, newest first, filtered and paged by cursor; ?format=csv streams it as a file (admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { exportAuditCsv, listAuditPage } from '@/lib/audit/viewer';
import { auditLogsQuery } from './schema';

export const GET = route({ name: 'GET /api/admin/audit-logs', roles: ['admin'], query: auditLogsQuery }, async ({ query, user, meta }) => {
  const { format, limit, after, ...filter } = query;
  if (format === 'json') return listAuditPage({ ...filter, after, limit });
  const { fileName, body } = await exportAuditCsv(filter, user, meta);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'x-content-type-options': 'nosniff',
    },
  });
});

documentRoute(GET, { summary: 'The audit log, newest first, filtered and paged by cursor; format=csv streams the filtered log as a file' });
