import { z } from 'zod';

export const acceptInviteBody = z.strictObject({
  /** The token from the invite link (/invite/<token>). */
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(128),
});
export type AcceptInviteBody = z.infer<typeof acceptInviteBody>;
