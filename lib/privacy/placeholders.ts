import 'server-only';

/** The name a deleted account keeps where a support case still refers to it. */
export const DELETED_NAME = 'Deleted user';

/** Deleted accounts keep a placeholder address under a reserved domain (RFC 2606): never a real inbox, the old address is free again. */
export const DELETED_EMAIL_SUFFIX = '@deleted.invalid';

export const deletedEmail = (userId: string) => `deleted-${userId}${DELETED_EMAIL_SUFFIX}`;
