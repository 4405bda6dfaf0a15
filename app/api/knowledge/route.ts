// GET /api/knowledge – the manuals; POST /api/knowledge – upload one or more (multipart/form-data, admin only)
import { documentRoute, route } from '@/lib/api/handler';
import { readUploadForm } from '@/lib/knowledge/form';
import { listManuals, toDocumentView } from '@/lib/knowledge/service';
import { uploadLimits } from '@/lib/knowledge/limits';
import { uploadManuals } from '@/lib/knowledge/upload';
import { json } from '@/lib/openapi/schemas';
import { uploadFields, uploadForm } from './schema';

export const GET = route({ name: 'GET /api/knowledge', roles: ['admin', 'support'] }, async () => ({ documents: await listManuals() }));

export const POST = route({ name: 'POST /api/knowledge', roles: ['admin'] }, async ({ req, user, meta }) => {
  const { files, fields } = await readUploadForm(req, uploadLimits(), uploadFields);
  // All or nothing: one refused file refuses the upload, and none of its files is stored.
  const documents = await uploadManuals(
    files.map((file) => ({ ...fields, data: file.data, fileName: file.name, title: files.length > 1 ? undefined : fields.title })),
    user,
    meta,
  );
  return Response.json({ documents: documents.map((doc) => toDocumentView(doc)) }, { status: 201 });
});

documentRoute(GET, { summary: 'The manuals with status and progress' });
documentRoute(POST, {
  summary: 'Upload one or more manuals to index',
  requestBody: { content: { 'multipart/form-data': { schema: uploadForm } } },
  responses: { 201: json('Queued for indexing: { documents }') },
  errors: [400, 409, 413, 415, 422],
});
