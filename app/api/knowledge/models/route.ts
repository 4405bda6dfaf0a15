// GET /api/knowledge/models – machine models that the ready manuals cover
import { listMachineModels } from '@/db/queries/knowledge';
import { route } from '@/lib/api/handler';

export const GET = route({ name: 'GET /api/knowledge/models' }, async () => ({ models: await listMachineModels() }));
