// The users and API token shapes as the browser receives them (dates as ISO strings).
import 'server-only';
import type { Serialized } from '@/lib/serialized';
import type { createUserAsAdmin, listUsersForAdmin, publicUser, resetPasswordAsAdmin } from './index';
import type { createToken, listTokens } from './tokens';

/** GET /api/admin/users. */
export type UserList = Serialized<Awaited<ReturnType<typeof listUsersForAdmin>>>;
export type AdminUserRow = Serialized<ReturnType<typeof publicUser>>;
/** POST /api/admin/users: the user, and the generated password or the invite link, shown once. */
export type CreatedUser = Serialized<Awaited<ReturnType<typeof createUserAsAdmin>>>;
/** POST /api/admin/users/:id/password. */
export type PasswordReset = Serialized<Awaited<ReturnType<typeof resetPasswordAsAdmin>>>;

/** GET /api/me/tokens. */
export type ApiTokenRow = Serialized<Awaited<ReturnType<typeof listTokens>>[number]>;
/** POST /api/me/tokens: the token itself appears only here. */
export type CreatedApiToken = Serialized<Awaited<ReturnType<typeof createToken>>>;
