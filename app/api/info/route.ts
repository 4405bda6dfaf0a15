// GET /api/info – version and modes, no secrets
import { documentRoute, route } from '@/lib/api/handler';
import { appInfo } from '@/lib/ops/info';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'GET /api/info', auth: false }, async () => appInfo());

documentRoute(GET, { summary: 'Version and modes, no secrets' });
