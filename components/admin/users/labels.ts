export const ROLE_LABEL = { technician: 'Technician', support: 'Support', admin: 'Admin' } as const;
export const ROLE_ORDER = ['technician', 'support', 'admin'] as const;
export type RoleName = (typeof ROLE_ORDER)[number];
