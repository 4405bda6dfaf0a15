import { z } from 'zod';
import { ROLES } from '@/db/schema';

export const CONSENT_STATES = ['current', 'outdated', 'withdrawn', 'none'] as const;

export const listConsentsQuery = z.strictObject({
  search: z.string().trim().max(100).optional(),
  state: z.enum(CONSENT_STATES).optional(),
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export type ListConsentsQuery = z.infer<typeof listConsentsQuery>;
