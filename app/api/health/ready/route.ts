// GET /api/health/ready – database reachable and fully migrated, not shutting down
import { documentRoute, route } from '@/lib/api/handler';
import { json } from '@/lib/openapi/schemas';
import { readiness } from '@/lib/ops/health';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'GET /api/health/ready', auth: false }, async () => {
  const result = await readiness();
  return Response.json(result.ready ? { status: 'ready' } : { status: 'not ready', reason: result.reason }, {
    status: result.ready ? 200 : 503,
  });
});

documentRoute(GET, {
  summary: 'Readiness: the database is reachable and migrated, not shutting down',
  responses: { 200: json('Ready: { status: "ready" }'), 503: json('Not ready: { status, reason }') },
});
