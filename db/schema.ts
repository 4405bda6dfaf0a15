import { sql, type InferInsertModel, type InferSelectModel } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------- users and auth

export const userRole = pgEnum('user_role', ['technician', 'admin', 'support']);
export const ROLES = userRole.enumValues;
export type Role = (typeof ROLES)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: userRole('role').notNull().default('technician'),
    phone: text('phone'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Bumped when a user is disabled, changes role or password: every older sign-in stops working. */
    sessionVersion: integer('session_version').notNull().default(1),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`), index('users_role_idx').on(t.role, t.createdAt)],
);
export type User = InferSelectModel<typeof users>;
export type NewUser = InferInsertModel<typeof users>;

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash), index('api_tokens_user_id_idx').on(t.userId, t.createdAt)],
);
export type ApiToken = InferSelectModel<typeof apiTokens>;

/** A link that lets a new user (or one whose password was reset) set their own password; single use. */
export const userInvites = pgTable(
  'user_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token in the link; the link itself is shown to the admin once and emailed. */
    tokenHash: text('token_hash').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the password is chosen, or when a newer invite replaces this one. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('user_invites_token_hash_key').on(t.tokenHash), index('user_invites_user_id_idx').on(t.userId, t.createdAt)],
);
export type UserInvite = InferSelectModel<typeof userInvites>;

// ---------------------------------------------------------------- chat

export const sessionMode = pgEnum('session_mode', ['assistant', 'support']);

export const aiSessions = pgTable(
  'ai_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default('New conversation'),
    titleIsAuto: boolean('title_is_auto').notNull().default(true),
    machineModel: text('machine_model'),
    serialNumber: text('serial_number'),
    /** 'support' while a support person is engaged: the assistant stays silent. */
    mode: sessionMode('mode').notNull().default('assistant'),
    /** When escalation was last offered, so it is offered at most once per problem. */
    escalationOfferedAt: timestamp('escalation_offered_at', { withTimezone: true }),
    /** Why it was offered; an escalation the technician makes after the offer keeps this reason. Cleared when an escalation is made. */
    escalationOfferReason: text('escalation_offer_reason').$type<'no_answer' | 'not_helpful' | 'model_failure'>(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('ai_sessions_user_id_last_message_at_idx').on(t.userId, t.lastMessageAt.desc()),
    index('ai_sessions_last_message_at_idx').on(t.lastMessageAt),
  ],
);
export type AiSession = InferSelectModel<typeof aiSessions>;

export const messageRole = pgEnum('message_role', ['user', 'assistant', 'support', 'system']);
export const messageStatus = pgEnum('message_status', ['streaming', 'complete', 'stopped', 'interrupted', 'failed']);
export const answerMode = pgEnum('answer_mode', ['ai', 'manuals_only']);

export interface Citation {
  n: number;
  documentId: string;
  chunkId: string;
  title: string;
  page: number;
  pageEnd?: number;
  heading?: string | null;
  snippet: string;
}

export const aiMessages = pgTable(
  'ai_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => aiSessions.id, { onDelete: 'cascade' }),
    /** Monotonic order within the database; created_at can tie. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    role: messageRole('role').notNull(),
    content: text('content').notNull().default(''),
    status: messageStatus('status').notNull().default('complete'),
    mode: answerMode('mode'),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    citations: jsonb('citations').$type<Citation[]>().notNull().default([]),
    model: text('model'),
    fallbackUsed: boolean('fallback_used').notNull().default(false),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    latencyMs: integer('latency_ms'),
    firstTokenMs: integer('first_token_ms'),
    costUsd: numeric('cost_usd', { precision: 12, scale: 6 }),
    error: text('error'),
    helpful: boolean('helpful'),
    feedbackComment: text('feedback_comment'),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    createdAt: createdAt(),
    /** Last checkpoint of a streaming answer; a stale one means its server died mid-answer. */
    updatedAt: updatedAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('ai_messages_session_id_seq_idx').on(t.sessionId, t.seq),
    index('ai_messages_status_idx')
      .on(t.status)
      .where(sql`${t.status} = 'streaming'`),
    /** One answer at a time in a conversation (see ONE_STREAMING_ANSWER). */
    uniqueIndex('ai_messages_one_streaming_idx')
      .on(t.sessionId)
      .where(sql`${t.status} = 'streaming'`),
    index('ai_messages_feedback_idx')
      .on(t.feedbackAt)
      .where(sql`${t.feedbackAt} is not null`),
    /** Support replies by time: the unread-reply reminder looks for the ones left unread. */
    index('ai_messages_support_created_at_idx')
      .on(t.createdAt)
      .where(sql`${t.role} = 'support'`),
  ],
);
export type AiMessage = InferSelectModel<typeof aiMessages>;
export type NewAiMessage = InferInsertModel<typeof aiMessages>;

// ---------------------------------------------------------------- knowledge base

export const documentStatus = pgEnum('document_status', ['queued', 'processing', 'ready', 'failed', 'retired']);

export const knowledgeDocuments = pgTable(
  'knowledge_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    machineModels: text('machine_models')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    language: text('language').notNull().default('en'),
    version: text('version'),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** Path under DATA_DIR/uploads chosen by the server, never the user's file name. */
    storageKey: text('storage_key').notNull(),
    status: documentStatus('status').notNull().default('queued'),
    error: text('error'),
    pageCount: integer('page_count'),
    pagesDone: integer('pages_done').notNull().default(0),
    chunkCount: integer('chunk_count').notNull().default(0),
    /** Words in all its passages, for their average length. */
    wordCount: integer('word_count').notNull().default(0),
    /** Text search configuration its passages are indexed with ('english', 'german', 'simple', …). */
    tsConfig: text('ts_config').notNull().default('english'),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    /** The document this one replaces; it is retired when this one is ready. */
    replacesId: uuid('replaces_id'),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('knowledge_documents_status_created_at_idx').on(t.status, t.createdAt),
    index('knowledge_documents_sha256_idx').on(t.sha256),
    index('knowledge_documents_machine_models_idx').using('gin', t.machineModels),
  ],
);
export type KnowledgeDocument = InferSelectModel<typeof knowledgeDocuments>;

export const knowledgePages = pgTable(
  'knowledge_pages',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: 'cascade' }),
    pageNumber: integer('page_number').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ name: 'knowledge_pages_pkey', columns: [t.documentId, t.pageNumber] })],
);
export type KnowledgePage = InferSelectModel<typeof knowledgePages>;

export const knowledgeChunks = pgTable(
  'knowledge_chunks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    pageStart: integer('page_start').notNull(),
    pageEnd: integer('page_end').notNull(),
    heading: text('heading'),
    content: text('content').notNull(),
    /** Error codes, part numbers and model names found in the passage, for trigram matching. */
    codes: text('codes').notNull().default(''),
    /** Text search configuration used for tsv ('english', 'german', 'simple', …). */
    tsConfig: text('ts_config').notNull().default('english'),
    tsv: tsvector('tsv').notNull(),
    /** Words in the heading and text: the passage's length for ranking (longer passages match more words by chance). */
    wordCount: integer('word_count').notNull().default(0),
    embedding: real('embedding').array(),
    createdAt: createdAt(),
  },
  (t) => [
    index('knowledge_chunks_document_id_ordinal_idx').on(t.documentId, t.ordinal),
    // No pending list: a bulk ingestion must not leave every later search scanning unsorted entries.
    index('knowledge_chunks_tsv_idx').using('gin', t.tsv).with({ fastupdate: false }),
    index('knowledge_chunks_codes_trgm_idx')
      .using('gin', sql`${t.codes} gin_trgm_ops`)
      .with({ fastupdate: false }),
  ],
);
export type KnowledgeChunk = InferSelectModel<typeof knowledgeChunks>;

/**
 * How many passages of a manual contain each indexed word (its lexeme): the corpus statistics of
 * the ranking (a word on every page of a manual tells its pages apart less than a rare one), per
 * manual so that they follow the manuals searched and go with a deleted one.
 */
export const knowledgeDocumentTerms = pgTable(
  'knowledge_document_terms',
  {
    term: text('term').notNull(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: 'cascade' }),
    passages: integer('passages').notNull(),
  },
  (t) => [
    primaryKey({ name: 'knowledge_document_terms_pkey', columns: [t.term, t.documentId] }),
    index('knowledge_document_terms_document_id_idx').on(t.documentId),
  ],
);
export type KnowledgeDocumentTerm = InferSelectModel<typeof knowledgeDocumentTerms>;

/**
 * Words of the indexed passages (lower case, letters only), to correct misspelt question words
 * by trigram similarity. Only inserted, at ingestion, so it stays compact; a word whose manuals
 * were deleted may linger, harmlessly (a correction to it finds nothing).
 */
export const knowledgeTerms = pgTable(
  'knowledge_terms',
  {
    term: text('term').primaryKey(),
  },
  (t) => [
    index('knowledge_terms_term_trgm_idx')
      .using('gin', sql`${t.term} gin_trgm_ops`)
      .with({ fastupdate: false }),
  ],
);
export type KnowledgeTerm = InferSelectModel<typeof knowledgeTerms>;

export const jobStatus = pgEnum('job_status', ['queued', 'running', 'done', 'failed']);

export const ingestionJobs = pgTable(
  'ingestion_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => knowledgeDocuments.id, { onDelete: 'cascade' }),
    status: jobStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('ingestion_jobs_status_run_after_idx').on(t.status, t.runAfter), index('ingestion_jobs_document_id_idx').on(t.documentId)],
);
export type IngestionJob = InferSelectModel<typeof ingestionJobs>;

// ---------------------------------------------------------------- escalation

export const escalationStatus = pgEnum('escalation_status', ['open', 'acknowledged', 'resolved']);
export const escalationUrgency = pgEnum('escalation_urgency', ['low', 'normal', 'high']);
export const escalationReason = pgEnum('escalation_reason', [
  'manual',
  'asked_for_human',
  'no_answer',
  'not_helpful',
  'safety',
  'model_failure',
]);

export const aiEscalations = pgTable(
  'ai_escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-readable reference (#123). */
    reference: serial('reference').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => aiSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: escalationStatus('status').notNull().default('open'),
    urgency: escalationUrgency('urgency').notNull().default('normal'),
    reason: escalationReason('reason').notNull(),
    note: text('note'),
    phone: text('phone'),
    summary: text('summary').notNull().default(''),
    machineModel: text('machine_model'),
    serialNumber: text('serial_number'),
    assignedTo: uuid('assigned_to').references(() => users.id, { onDelete: 'set null' }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolutionNote: text('resolution_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('ai_escalations_reference_key').on(t.reference),
    index('ai_escalations_status_created_at_idx').on(t.status, t.createdAt.desc()),
    index('ai_escalations_assigned_to_idx').on(t.assignedTo, t.status),
    index('ai_escalations_session_id_idx').on(t.sessionId),
    index('ai_escalations_user_id_idx').on(t.userId),
  ],
);
export type AiEscalation = InferSelectModel<typeof aiEscalations>;

export const escalationReads = pgTable(
  'escalation_reads',
  {
    escalationId: uuid('escalation_id')
      .notNull()
      .references(() => aiEscalations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'escalation_reads_pkey', columns: [t.escalationId, t.userId] })],
);

/**
 * How far the conversation's owner has read (the `seq` of the last message seen), and the last
 * support reply an unread-reply reminder was sent for. One row per conversation, for its owner.
 */
export const sessionReads = pgTable('session_reads', {
  sessionId: uuid('session_id')
    .primaryKey()
    .references(() => aiSessions.id, { onDelete: 'cascade' }),
  readSeq: bigint('read_seq', { mode: 'number' }).notNull().default(0),
  readAt: timestamp('read_at', { withTimezone: true }),
  remindedSeq: bigint('reminded_seq', { mode: 'number' }).notNull().default(0),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
});
export type SessionRead = InferSelectModel<typeof sessionReads>;

// ---------------------------------------------------------------- email outbox

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed']);

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable Message-ID: a retry re-sends the same message, never a new one. */
    messageId: text('message_id').notNull(),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    escalationId: uuid('escalation_id').references(() => aiEscalations.id, { onDelete: 'set null' }),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Where the message went: 'smtp' or the .eml file under DATA_DIR/outbox. */
    deliveredVia: text('delivered_via'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('email_outbox_message_id_key').on(t.messageId),
    index('email_outbox_status_next_attempt_at_idx').on(t.status, t.nextAttemptAt),
    index('email_outbox_created_at_idx').on(t.createdAt.desc()),
    index('email_outbox_escalation_id_idx').on(t.escalationId),
  ],
);
export type OutboxEmail = InferSelectModel<typeof emailOutbox>;

// ---------------------------------------------------------------- analytics, consent, audit

export const aiAnalyticsEvents = pgTable(
  'ai_analytics_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Kept after the session is purged, so no foreign key. */
    sessionId: uuid('session_id'),
    messageId: uuid('message_id'),
    properties: jsonb('properties').$type<Record<string, unknown>>().notNull().default({}),
    /**
     * An answer's figures, copied from its properties by Postgres (so every row has them, old ones
     * included): the dashboard reads a year of them from one index instead of parsing the JSONB.
     */
    latencyMs: doublePrecision('latency_ms').generatedAlwaysAs(sql`(properties->>'latencyMs')::float8`),
    firstTokenMs: doublePrecision('first_token_ms').generatedAlwaysAs(sql`(properties->>'firstTokenMs')::float8`),
    model: text('model').generatedAlwaysAs(sql`properties->>'model'`),
    promptTokens: bigint('prompt_tokens', { mode: 'number' }).generatedAlwaysAs(sql`(properties->>'promptTokens')::bigint`),
    completionTokens: bigint('completion_tokens', { mode: 'number' }).generatedAlwaysAs(sql`(properties->>'completionTokens')::bigint`),
    fallbackUsed: boolean('fallback_used').generatedAlwaysAs(sql`properties->>'fallbackUsed' = 'true'`),
    manualsOnly: boolean('manuals_only').generatedAlwaysAs(sql`properties->>'mode' = 'manuals_only'`),
    modelFailed: boolean('model_failed').generatedAlwaysAs(sql`properties->>'modelFailed' = 'true'`),
    createdAt: createdAt(),
  },
  (t) => [
    index('ai_analytics_events_type_created_at_idx').on(t.type, t.createdAt),
    index('ai_analytics_events_created_at_idx').on(t.createdAt),
    /** The answers' figures after their time, for index-only scans (after a vacuum) over a range of days. */
    index('ai_analytics_events_answers_idx')
      .on(
        t.createdAt,
        t.latencyMs,
        t.firstTokenMs,
        t.model,
        t.promptTokens,
        t.completionTokens,
        t.fallbackUsed,
        t.manualsOnly,
        t.modelFailed,
      )
      .where(sql`type = 'answer_completed'`),
  ],
);
export type AnalyticsEvent = InferSelectModel<typeof aiAnalyticsEvents>;

export const aiUserConsents = pgTable(
  'ai_user_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    version: text('version').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('ai_user_consents_user_id_idx').on(t.userId, t.grantedAt.desc())],
);
export type UserConsent = InferSelectModel<typeof aiUserConsents>;

export const aiAuditLogs = pgTable(
  'ai_audit_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Kept as text so the log still says who after the account is deleted. */
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: text('outcome').notNull().default('success'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    /** Newest first with the id as tie-breaker: the viewer's keyset pagination and the retention purge. */
    index('ai_audit_logs_created_at_idx').on(t.createdAt.desc(), t.id.desc()),
    index('ai_audit_logs_action_created_at_idx').on(t.action, t.createdAt.desc()),
    index('ai_audit_logs_actor_id_idx').on(t.actorId, t.createdAt.desc()),
    index('ai_audit_logs_actor_email_idx').on(sql`lower(${t.actorEmail})`, t.createdAt.desc()),
    index('ai_audit_logs_target_idx').on(t.targetType, t.targetId, t.createdAt.desc()),
  ],
);
export type AuditLog = InferSelectModel<typeof aiAuditLogs>;

/**
 * What is kept of a manual that is gone (deleted, or a replaced version past its retention), so
 * the citations in old answers can still say which manual and version they quoted.
 */
export const knowledgeRemovedDocuments = pgTable('knowledge_removed_documents', {
  /** The id the manual had, as the citations have it. */
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  version: text('version'),
  fileName: text('file_name').notNull(),
  machineModels: text('machine_models')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  pageCount: integer('page_count'),
  /** 'deleted' by an administrator, or 'replaced' by a newer version and then purged. */
  reason: text('reason', { enum: ['deleted', 'replaced'] }).notNull(),
  /** The version that replaced it, when there is one. */
  replacedById: uuid('replaced_by_id'),
  removedAt: timestamp('removed_at', { withTimezone: true }).notNull().defaultNow(),
});
export type KnowledgeRemovedDocument = InferSelectModel<typeof knowledgeRemovedDocuments>;
