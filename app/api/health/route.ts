// GET /api/health – dependency checks: 200 when healthy or degraded, 503 when the database is down
import { route } from '@/lib/api/handler';
import { healthReport } from '@/lib/ops/health';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'GET /api/health', auth: false }, async () => {
  const { httpStatus, body } = await healthReport();
  return Response.json(body, { status: httpStatus });
});
