import { PrivacySettings } from '@/components/privacy/privacy-settings';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { getConsent } from '@/lib/privacy/consents';
import { serialize } from '@/lib/serialized';

export const metadata = { title: 'Privacy & data' };
export const dynamic = 'force-dynamic';

export default async function PrivacyPage() {
  const user = await requireUser();
  const consent = await getConsent(user);
  return (
    <div>
      <PageHeader title="Privacy & data" description="Your consent to AI processing, a copy of your data, and deleting your account." />
      <PrivacySettings consent={serialize(consent)} email={user.email} />
    </div>
  );
}
