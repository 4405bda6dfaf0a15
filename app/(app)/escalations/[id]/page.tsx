import { notFound } from 'next/navigation';
import { z } from 'zod';
import { EscalationView } from '@/components/escalations/escalation-view';
import { requireUser } from '@/lib/auth/server';
import { getEscalationForSupport } from '@/lib/escalation/inbox';
import { AppError } from '@/lib/errors';
import { serialize } from '@/lib/serialized';

export const metadata = { title: 'Escalation' };
export const dynamic = 'force-dynamic';

export default async function EscalationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser(['support', 'admin']);
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  let detail;
  try {
    detail = await getEscalationForSupport(user, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
  return <EscalationView initial={serialize(detail)} me={user.id} />;
}
