import { z } from 'zod';
import { ROLES } from '@/db/schema';

const name = z.string().trim().min(1).max(120);
const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+0-9 ()./-]*$/, 'must contain only digits, spaces and + ( ) . / -');

export const createUserBody = z
  .strictObject({
    email: z.email().max(254),
    name,
    role: z.enum(ROLES),
    /** A password the admin chose; without it (and without `invite`) one is generated and shown once. */
    password: z.string().min(1).max(128).optional(),
    /** Send an invite link instead: the user chooses their own password. */
    invite: z.boolean().optional(),
    phone: phone.optional(),
  })
  .refine((v) => !(v.invite && v.password), { message: 'send either a password or invite: true, not both', path: ['invite'] });
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z
  .strictObject({
    name: name.optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(1).max(128).optional(),
    phone: phone.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change');
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.strictObject({
  /** 'password': a new generated password, shown once; 'invite': a link for the user to choose one. */
  method: z.enum(['password', 'invite']),
});
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

export const listUsersQuery = z.strictObject({
  /** Part of the name or email. */
  search: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  /** `true`: only disabled users; `false`: only active ones. */
  disabled: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListUsersQuery = z.infer<typeof listUsersQuery>;
