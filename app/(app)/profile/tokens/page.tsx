import { TokensManager } from '@/components/profile/tokens-manager';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/server';
import { serialize } from '@/lib/serialized';
import { listTokens } from '@/lib/users';
import { USER_POLICY } from '@/lib/users/policy';

export const metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await listTokens(user);
  return (
    <div>
      <PageHeader title="API tokens" description="Personal tokens for integrations that call the Fixline API on your behalf." />
      <TokensManager initial={serialize(tokens)} expiryChoices={USER_POLICY.tokenExpiryChoices} />
    </div>
  );
}
