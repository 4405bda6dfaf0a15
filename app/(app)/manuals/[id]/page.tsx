import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { ManualViewer } from '@/components/manuals/manual-viewer';
import { RemovedManual } from '@/components/manuals/removed-manual';
import { currentUser, homeFor, requireUser } from '@/lib/auth/server';
import { citationTarget } from '@/lib/knowledge/service';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  chunk: z.uuid().nullable().catch(null),
});

/**
 * Any signed-in role may read the manuals, as citations link here for everyone. A manual that is
 * gone still says what it was (and where its current version is).
 */
const targetOrNull = cache(async (id: string, page: number, chunkId: string | null) => {
  if (!z.uuid().safeParse(id).success) return null;
  return citationTarget(id, { page, chunkId });
});

async function read({ params, searchParams }: Props) {
  const raw = await searchParams;
  const { page, chunk } = query.parse({ page: first(raw.page) ?? 1, chunk: first(raw.chunk) ?? null });
  return { page, chunk, target: await targetOrNull((await params).id, page, chunk) };
}

export async function generateMetadata(props: Props) {
  // The title only for a signed-in reader; the layout sends everyone else to sign in.
  if (!(await currentUser())) return { title: 'Manual' };
  const { target } = await read(props);
  const title =
    target?.state === 'available' ? target.manual.title : target?.state === 'removed' ? `${target.removed.title} (removed)` : null;
  return { title: title ?? 'Manual' };
}

export default async function ManualPage(props: Props) {
  const user = await requireUser();
  const { page, chunk, target } = await read(props);
  if (!target) notFound();
  const home = homeFor(user.role);
  const back = { href: home, label: home === '/escalations' ? 'Escalations' : 'Chat' };
  if (target.state === 'removed') {
    return (
      <RemovedManual
        removed={{ ...target.removed, removedAt: target.removed.removedAt.toISOString() }}
        replacedBy={target.replacedBy}
        back={back}
      />
    );
  }
  const manual = target.manual;
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
      back={back}
      replacedBy={target.replacedBy}
    />
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
