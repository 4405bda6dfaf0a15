import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { ManualViewer } from '@/components/manuals/manual-viewer';
import { currentUser, homeFor, requireUser } from '@/lib/auth/server';
import { AppError } from '@/lib/errors';
import { getManual } from '@/lib/knowledge/service';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  chunk: z.uuid().nullable().catch(null),
});

/** Any signed-in role may read the manuals, as citations link here for everyone. */
const manualOrNull = cache(async (id: string) => {
  if (!z.uuid().safeParse(id).success) return null;
  try {
    return await getManual(id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return null;
    throw error;
  }
});

export async function generateMetadata({ params }: Props) {
  // The title only for a signed-in reader; the layout sends everyone else to sign in.
  const manual = (await currentUser()) ? await manualOrNull((await params).id) : null;
  return { title: manual?.title ?? 'Manual' };
}

export default async function ManualPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const manual = await manualOrNull((await params).id);
  if (!manual) notFound();
  const raw = await searchParams;
  const { page, chunk } = query.parse({ page: first(raw.page) ?? 1, chunk: first(raw.chunk) ?? null });
  const home = homeFor(user.role);
  return (
    <ManualViewer
      manual={{
        id: manual.id,
        title: manual.title,
        mimeType: manual.mimeType,
        pageCount: manual.pageCount,
        retired: manual.status === 'retired',
      }}
      initialPage={page}
      chunkId={chunk}
      back={{ href: home, label: home === '/escalations' ? 'Escalations' : 'Chat' }}
    />
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
