'use client';

import { OneTimeSecret } from '@/components/profile/one-time-secret';
import { day } from '@/components/profile/format';

/** The password or invite link an admin action produced, shown this once. */
export function SecretResult({
  email,
  password,
  invite,
}: {
  email: string;
  password?: string;
  invite?: { url: string; expiresAt: string };
}) {
  if (password) {
    return (
      <OneTimeSecret
        label={`One-time password for ${email}`}
        value={password}
        hint="Copy it now and hand it over in person or by phone: it is shown only this once."
        testId="one-time-password"
      />
    );
  }
  if (invite) {
    return (
      <OneTimeSecret
        label={`Invite link for ${email}`}
        value={invite.url}
        hint={`It was also emailed to them. It works once, until ${day(invite.expiresAt)}; it is shown only this once.`}
        testId="invite-link"
      />
    );
  }
  return null;
}
