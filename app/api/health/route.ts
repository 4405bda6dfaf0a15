// GET /api/health – dependency checks: 200 when healthy or degraded, 503 when the database is down
import { documentRoute, route } from '@/lib/api/handler';
import { json } from '@/lib/openapi/schemas';
import { healthReport } from '@/lib/ops/health';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'GET /api/health', auth: false }, async () => {
  const { httpStatus, body } = await healthReport();
  return Response.json(body, { status: httpStatus });
});

documentRoute(GET, {
  summary: 'Dependency checks (database, redis, openai, smtp)',
  responses: { 200: json('Healthy or degraded: { status, timestamp, checks }'), 503: json('The database is down') },
});
