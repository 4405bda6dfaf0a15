// GET /api/openapi.json – the API description
import { documentRoute, route } from '@/lib/api/handler';
import { env } from '@/lib/env';
import { openApiDocument } from '@/lib/openapi';

export const GET = route({ name: 'GET /api/openapi.json', auth: false }, async () => openApiDocument(env().appUrl));

documentRoute(GET, { summary: 'This document (OpenAPI 3.1)' });
