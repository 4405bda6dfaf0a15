import type { Role } from '@/db/schema';

// Accounts the browser tests sign in with; created by tests/e2e/server.ts in a fresh database.
export const E2E_USERS: Record<Role, { email: string; password: string; name: string }> = {
  admin: { email: 'e2e-admin@example.com', password: 'e2e admin passphrase 1', name: 'Alex Admin' },
  support: { email: 'e2e-support@example.com', password: 'e2e support passphrase 2', name: 'Sam Support' },
  technician: { email: 'e2e-tech@example.com', password: 'e2e tech passphrase 3', name: 'Terry Technician' },
};
