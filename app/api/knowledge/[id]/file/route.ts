// GET /api/knowledge/:id/file – the stored manual, for citations (any signed-in user); 410 once it is gone
import { getDocumentOrThrow } from '@/db/queries/knowledge';
import { documentRoute, route } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { goneOrNotFound } from '@/lib/knowledge/service';
import { readUpload } from '@/lib/knowledge/storage';
import { empty, fileBody } from '@/lib/openapi/schemas';
import { documentId } from '../../schema';

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export const GET = route({ name: 'GET /api/knowledge/:id/file' }, async ({ params, req }) => {
  const id = documentId(params);
  const doc = await getDocumentOrThrow({ id }).catch(async (error: unknown) => {
    throw error instanceof AppError && error.code === 'not_found' ? await goneOrNotFound(id) : error;
  });
  const etag = `"${doc.sha256}"`;
  const headers: Record<string, string> = {
    'content-type': doc.mimeType === 'application/pdf' ? 'application/pdf' : `${doc.mimeType}; charset=utf-8`,
    'content-disposition': contentDisposition(doc.fileName),
    'x-content-type-options': 'nosniff',
    // Nothing inside a stored file may run as a page of ours.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; frame-ancestors 'self'",
    'cache-control': 'private, max-age=3600',
    etag,
  };
  if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const data = await readUpload(doc.storageKey);
  return new Response(new Uint8Array(data), { headers: { ...headers, 'content-length': String(data.byteLength) } });
});

documentRoute(GET, {
  summary: 'The stored manual (open a PDF at a page with #page=N)',
  responses: { 200: fileBody('The file', ['application/pdf', 'text/plain']), 304: empty('Not modified (If-None-Match)') },
  // A deleted manual, or a replaced version past its retention: the message and details name it.
  errors: [410],
});
