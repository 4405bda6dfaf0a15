import { z } from 'zod';
import { TOKEN_MAX_EXPIRY_DAYS } from '@/lib/auth/tokens';

export const createTokenBody = z.strictObject({
  /** What the token is for, e.g. "Parts portal". */
  name: z
    .string()
    .trim()
    .min(1)
    .max(80)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
  /** Days until the token stops working; every token expires. */
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_EXPIRY_DAYS),
});
export type CreateTokenBody = z.infer<typeof createTokenBody>;
