// GET /api/me/export – everything Fixline holds about me, as a JSON download streamed from the database
import { documentRoute, route } from '@/lib/api/handler';
import { exportResponse } from '@/lib/privacy/export';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'GET /api/me/export' }, async ({ user, meta }) => exportResponse(user, meta));

documentRoute(GET, { summary: 'Everything Fixline holds about me, as a JSON file streamed from the database' });
