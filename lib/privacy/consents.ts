import 'server-only';
import { db } from '@/db';
import {
  countConsentStates,
  getLatestConsent,
  hasActiveConsent,
  insertConsent,
  listConsentStates,
  withdrawConsents,
  type ConsentListFilter,
  type ConsentState,
} from '@/db/queries/consents';
import { lockUserOrThrow } from '@/db/queries/privacy';
import type { UserConsent } from '@/db/schema';
import { audit, type RequestMeta } from '@/lib/audit';
import type { AuthUser } from '@/lib/auth/session';
import { AppError, conflict } from '@/lib/errors';
import { oneLine } from '@/lib/log';
import { CONSENT_TEXT, CONSENT_VERSION } from './consent';
import { DELETED_EMAIL_SUFFIX } from './placeholders';

function stateOf(latest: UserConsent | undefined): ConsentState {
  if (!latest) return 'none';
  if (latest.withdrawnAt) return 'withdrawn';
  return latest.version === CONSENT_VERSION ? 'current' : 'outdated';
}

/** What GET /api/me/consent answers: the state, the latest record and the text to consent to. */
function toConsentView(latest: UserConsent | undefined) {
  const state = stateOf(latest);
  return {
    state,
    /** Chat is open: consent to the current version, not withdrawn. */
    granted: state === 'current',
    currentVersion: CONSENT_VERSION,
    version: latest?.version ?? null,
    grantedAt: latest?.grantedAt ?? null,
    withdrawnAt: latest?.withdrawnAt ?? null,
    text: CONSENT_TEXT,
  };
}

export type ConsentView = ReturnType<typeof toConsentView>;

export async function getConsent(user: Pick<AuthUser, 'id'>): Promise<ConsentView> {
  return toConsentView(await getLatestConsent({ userId: user.id }));
}

/** Whether the user's words may go to the model now (their consent to the current version stands). */
export async function hasConsented(user: Pick<AuthUser, 'id'>): Promise<boolean> {
  return hasActiveConsent({ userId: user.id, version: CONSENT_VERSION });
}

/** Chat and anything else that sends the user's text to the model goes through here first. */
export async function requireConsent(user: Pick<AuthUser, 'id'>): Promise<void> {
  if (await hasConsented(user)) return;
  throw new AppError(
    'consent_required',
    'Consent to AI processing is needed before you can chat. Read the notice and give your consent (POST /api/me/consent), then try again.',
    { details: { currentVersion: CONSENT_VERSION } },
  );
}

/** Consents to the current version (a caller naming an older or unknown one is refused); once per version. */
export async function giveConsent(user: AuthUser, version: string | undefined, meta: RequestMeta): Promise<ConsentView> {
  if (version !== undefined && version !== CONSENT_VERSION) {
    throw conflict(
      `Version "${oneLine(version, 40)}" is not the current consent notice; the current one is ${CONSENT_VERSION}. Read it and consent to that version.`,
      { currentVersion: CONSENT_VERSION },
    );
  }
  return db().transaction(async (tx) => {
    // One change at a time per user: two tabs accepting at once record one consent.
    await lockUserOrThrow({ id: user.id }, tx);
    const latest = await getLatestConsent({ userId: user.id }, tx);
    if (stateOf(latest) === 'current') return toConsentView(latest);
    const row = await insertConsent(
      { userId: user.id, version: CONSENT_VERSION, ip: meta.ip ?? null, userAgent: meta.userAgent ? oneLine(meta.userAgent, 300) : null },
      tx,
    );
    await audit(
      {
        action: 'consent.granted',
        actor: user,
        target: { type: 'user', id: user.id },
        details: { version: CONSENT_VERSION, previous: latest ? { version: latest.version, state: stateOf(latest) } : null },
        meta,
      },
      tx,
    );
    return toConsentView(row);
  });
}

/** Withdraws the consent; the records stay, marked withdrawn. Withdrawing twice changes nothing. */
export async function withdrawConsent(user: AuthUser, meta: RequestMeta): Promise<ConsentView> {
  return db().transaction(async (tx) => {
    await lockUserOrThrow({ id: user.id }, tx);
    const withdrawn = await withdrawConsents({ userId: user.id }, tx);
    const latest = await getLatestConsent({ userId: user.id }, tx);
    if (withdrawn > 0) {
      await audit(
        { action: 'consent.withdrawn', actor: user, target: { type: 'user', id: user.id }, details: { version: latest?.version }, meta },
        tx,
      );
    }
    return toConsentView(latest);
  });
}

/** GET /api/admin/consents: who consented to which version, with the counts per state. */
export async function listConsentsForAdmin(filter: Omit<ConsentListFilter, 'currentVersion' | 'excludeEmailSuffix'>) {
  const f: ConsentListFilter = { ...filter, currentVersion: CONSENT_VERSION, excludeEmailSuffix: DELETED_EMAIL_SUFFIX };
  const [rows, counts] = await Promise.all([listConsentStates(f), countConsentStates({ ...f, state: undefined })]);
  const total = filter.state ? counts[filter.state] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    currentVersion: CONSENT_VERSION,
    users: rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: Boolean(disabledAt) })),
    counts,
    total,
    limit: f.limit ?? 50,
    offset: f.offset ?? 0,
  };
}

export type AdminConsentList = Awaited<ReturnType<typeof listConsentsForAdmin>>;
