import { expect } from 'vitest';
import * as knowledge from '@/app/api/knowledge/route';
import { runNextJob } from '@/lib/knowledge/ingest/job';
import { call, type TestUser } from './api';

/** Uploads a Markdown manual through POST /api/knowledge as `as` (an admin) and indexes it; returns its id. */
export async function uploadMarkdownManual({
  as,
  text,
  name,
  machineModels,
}: {
  as: TestUser;
  text: string;
  name: string;
  machineModels: string;
}): Promise<string> {
  const form = new FormData();
  form.append('file', new File([text], name, { type: 'text/markdown' }));
  form.append('machineModels', machineModels);
  const res = new Response(form);
  const upload = await call(knowledge.POST, {
    as,
    body: await res.arrayBuffer(),
    headers: { 'content-type': res.headers.get('content-type')! },
  });
  expect(upload.status).toBe(201);
  const { documents } = (await upload.json()) as { documents: { id: string }[] };
  while (await runNextJob()) {
    // index it
  }
  return documents[0].id;
}
