// GET /api/metrics – Prometheus text format
import { metrics } from '@/lib/ops/metrics';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
}
