import { z } from 'zod';
import { LIMITS } from '@/lib/policies';

const machineModel = z.string().trim().max(120).nullable().optional();
const serialNumber = z.string().trim().max(80).nullable().optional();

export const chatBody = z.union([
  z.strictObject({
    sessionId: z.uuid().optional(),
    message: z
      .string()
      .trim()
      .min(1, 'message must not be empty')
      .max(LIMITS.messageChars, `message must be at most ${LIMITS.messageChars} characters`),
    machineModel,
    serialNumber,
  }),
  z.strictObject({ sessionId: z.uuid(), regenerate: z.literal(true) }),
]);

export type ChatBody = z.infer<typeof chatBody>;
