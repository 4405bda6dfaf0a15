// GET /api/knowledge/models – machine models that the ready manuals cover
import { listMachineModels } from '@/db/queries/knowledge';
import { documentRoute, route } from '@/lib/api/handler';

export const GET = route({ name: 'GET /api/knowledge/models' }, async () => ({ models: await listMachineModels() }));

documentRoute(GET, { summary: 'Machine models that the ready manuals cover' });
