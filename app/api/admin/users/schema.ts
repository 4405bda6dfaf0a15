import { z } from 'zod';
import { ROLES } from '@/db/schema';

const name = z.string().trim().min(1).max(120);
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ()./-]*$/, 'must contain only digits, spaces and + ( ) . / -');

export const createUserBody = z.strictObject({
  email: z.email().max(254),
  name,
  role: z.enum(ROLES),
  password: z.string().min(1).max(128).optional(),
  phone: phone.optional(),
});

export const updateUserBody = z
  .strictObject({
    name: name.optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(128).optional(),
    phone: phone.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change');

export const listUsersQuery = z.strictObject({
  search: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
