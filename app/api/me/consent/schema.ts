import { z } from 'zod';

/** `{}` or no body: the current version; a caller may name the version it showed the user. */
export const consentBody = z.strictObject({ version: z.string().trim().min(1).max(40).optional() });

export type ConsentBody = z.infer<typeof consentBody>;
