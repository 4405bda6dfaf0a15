'use client';

import { useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { inputStyle } from '@/components/ui/field';
import { requestJson } from '@/lib/client/fetch';
import type { AdminUserRow, PasswordReset } from '@/lib/users/views';
import { ROLE_LABEL, ROLE_ORDER, type RoleName } from './labels';
import { SecretResult } from './secret-result';

const section = 'border-t border-slate-100 pt-4';

/** One user's role, access and password; each change takes effect at once. */
export function ManageUserDialog({
  user,
  isSelf,
  isLastAdmin,
  onClose,
  onChanged,
}: {
  user: AdminUserRow | null;
  isSelf: boolean;
  isLastAdmin: boolean;
  onClose: () => void;
  onChanged: (user: AdminUserRow) => void;
}) {
  return (
    <Dialog
      open={user !== null}
      onClose={onClose}
      title={user ? `Manage ${user.name}` : 'Manage user'}
      description={user?.email}
      testId="manage-user-dialog"
    >
      {user ? <ManageUser key={user.id} user={user} isSelf={isSelf} isLastAdmin={isLastAdmin} onChanged={onChanged} /> : null}
    </Dialog>
  );
}

function ManageUser({
  user,
  isSelf,
  isLastAdmin,
  onChanged,
}: {
  user: AdminUserRow;
  isSelf: boolean;
  isLastAdmin: boolean;
  onChanged: (user: AdminUserRow) => void;
}) {
  const [role, setRole] = useState<RoleName>(user.role);
  const [confirmDisable, setConfirmDisable] = useState(false);
  const [reset, setReset] = useState<PasswordReset | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  async function run(action: () => Promise<AdminUserRow>, done: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const updated = await action();
      setNotice(done);
      onChanged(updated);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const patch = async (json: Record<string, unknown>) =>
    (await requestJson<{ user: AdminUserRow }>(`/api/admin/users/${user.id}`, { method: 'PATCH', json })).user;

  const resetPassword = (method: 'password' | 'invite') =>
    run(async () => {
      const result = await requestJson<PasswordReset>(`/api/admin/users/${user.id}/password`, { method: 'POST', json: { method } });
      setReset(result);
      return result.user;
    }, 'Password reset: their old password and every sign-in have stopped working.');

  const locked = isSelf || isLastAdmin;
  const lockReason = isLastAdmin
    ? 'This is the last active admin: make another user an admin before changing this role or disabling the account.'
    : 'You cannot change your own role or disable yourself; ask another admin.';

  return (
    <div className="space-y-4">
      {locked ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="lock-reason">
          {lockReason}
        </p>
      ) : null}

      <div className="flex items-end gap-2">
        <div className="flex-1">
          <label htmlFor="manage-role" className="text-sm font-medium text-slate-900">
            Role
          </label>
          <select
            id="manage-role"
            value={role}
            disabled={locked || busy}
            onChange={(e) => setRole(e.target.value as RoleName)}
            className={`mt-1 ${inputStyle}`}
          >
            {ROLE_ORDER.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <Button
          variant="primary"
          disabled={locked || busy || role === user.role}
          onClick={() => run(() => patch({ role }), `Role changed to ${ROLE_LABEL[role]}. Their current sign-ins have ended.`)}
        >
          Change role
        </Button>
      </div>

      <div className={section}>
        <p className="text-sm font-medium text-slate-900">Access</p>
        {user.disabled ? (
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-slate-600">Disabled: they cannot sign in and their API tokens are refused.</p>
            <Button disabled={busy} onClick={() => run(() => patch({ disabled: false }), 'Account re-enabled.')}>
              Re-enable
            </Button>
          </div>
        ) : confirmDisable ? (
          <div className="mt-2 rounded-md bg-red-50 p-3">
            <p className="text-sm text-red-800">
              Disable {user.name}? They are signed out everywhere at once and their API tokens stop working.
            </p>
            <div className="mt-3 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button onClick={() => setConfirmDisable(false)}>Cancel</Button>
              <Button
                variant="danger"
                disabled={busy}
                onClick={() =>
                  run(async () => {
                    const u = await patch({ disabled: true });
                    setConfirmDisable(false);
                    return u;
                  }, 'Account disabled.')
                }
              >
                Disable account
              </Button>
            </div>
          </div>
        ) : (
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-slate-600">Active{user.hasPassword ? '' : ' — has not chosen a password yet'}.</p>
            <Button disabled={locked || busy} onClick={() => setConfirmDisable(true)}>
              Disable…
            </Button>
          </div>
        )}
      </div>

      <div className={section}>
        <p className="text-sm font-medium text-slate-900">Reset password</p>
        <p className="mt-1 text-sm text-slate-600">Their current password stops working and every sign-in ends.</p>
        <div className="mt-2 flex flex-col gap-2 sm:flex-row">
          <Button disabled={busy} onClick={() => resetPassword('password')}>
            New one-time password
          </Button>
          <Button disabled={busy} onClick={() => resetPassword('invite')}>
            New invite link
          </Button>
        </div>
        {reset ? (
          <div className="mt-3">
            <SecretResult email={user.email} password={reset.oneTimePassword} invite={reset.invite} />
          </div>
        ) : null}
      </div>

      {notice ? (
        <p className="text-sm text-emerald-700" role="status" data-testid="manage-notice">
          {notice}
        </p>
      ) : null}
      {error ? <ErrorAlert>{error}</ErrorAlert> : null}
    </div>
  );
}
