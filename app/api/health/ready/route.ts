// GET /api/health/ready – database reachable and fully migrated, not shutting down
import { route } from '@/lib/api/handler';
import { readiness } from '@/lib/ops/health';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'GET /api/health/ready', auth: false }, async () => {
  const result = await readiness();
  return Response.json(result.ready ? { status: 'ready' } : { status: 'not ready', reason: result.reason }, {
    status: result.ready ? 200 : 503,
  });
});
