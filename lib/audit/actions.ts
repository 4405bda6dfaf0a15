// Every action `audit()` records, for the viewer's filter. A new audit call adds its action here.

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_out',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.disabled',
  'user.enabled',
  'user.demo_accounts_created',
  'api_token.created',
  'api_token.revoked',
  'knowledge.uploaded',
  'knowledge.replaced',
  'knowledge.deleted',
  'knowledge.reindexed',
  'knowledge.reindexed_all',
  'escalation.created',
  'escalation.acknowledged',
  'escalation.assigned',
  'escalation.urgency_raised',
  'escalation.replied',
  'escalation.handed_back',
  'escalation.resolved',
  'outbox.retried',
  'audit.exported',
  'retention.purged',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
