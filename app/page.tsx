import { redirect } from 'next/navigation';
import { currentUser, homeFor } from '@/lib/auth/server';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const user = await currentUser();
  redirect(user ? homeFor(user.role) : '/sign-in');
}
