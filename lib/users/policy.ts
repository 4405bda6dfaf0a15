import 'server-only';

/** How long an invite or password-reset link works, and how many personal API tokens a user may hold. */
export const USER_POLICY = {
  inviteTtlDays: 7,
  /** Offered on the API tokens page; the API takes any whole number of days up to the maximum. */
  tokenExpiryChoices: [30, 90, 365],
  maxActiveTokens: 20,
} as const;
