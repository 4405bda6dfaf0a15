// When to offer escalation and when to escalate at once. Pure functions: no database, no clock.
import { findPhrase, HUMAN_PATTERNS, isSmallTalk, normalise, NOT_COVERED_PATTERNS, SAFETY_PATTERNS } from './patterns';

export type EscalationReason = 'manual' | 'asked_for_human' | 'no_answer' | 'not_helpful' | 'safety' | 'model_failure';
export type OfferReason = 'no_answer' | 'not_helpful' | 'model_failure';
export type Urgency = 'low' | 'normal' | 'high';

/** Thresholds and timings of escalation, in one place. */
export const ESCALATION_POLICY = {
  /** "Not helpful" on this many answers in a row offers escalation. */
  notHelpfulStreak: 2,
  /** How long the model may take to write the summary for support before the extractive one is used. */
  summaryTimeoutMs: 8_000,
  /** Shorter for automatic escalations: the technician's answer waits for it. */
  automaticSummaryTimeoutMs: 4_000,
  /** The transcript sent to the model for the summary is cut to this many characters. */
  summaryInputChars: 12_000,
  /** The transcript in the email is cut to this many characters (the link has the rest). */
  emailTranscriptChars: 60_000,
} as const;

export const REASON_LABEL: Record<EscalationReason, string> = {
  manual: 'Escalated by the technician',
  asked_for_human: 'The technician asked for a person',
  no_answer: 'The manuals do not cover the question',
  not_helpful: 'Answers were rated "not helpful" repeatedly',
  safety: 'Safety emergency reported',
  model_failure: 'The AI model was unavailable',
};

export interface ImmediateEscalation {
  reason: 'safety' | 'asked_for_human';
  urgency: Urgency;
  /** The phrase that triggered it, for the record. */
  matched: string;
}

/** A message that must reach a person now: a safety emergency (high urgency) or a request for a human. */
export function immediateEscalation(message: string): ImmediateEscalation | null {
  const text = normalise(message);
  if (!text) return null;
  const safety = findPhrase(text, SAFETY_PATTERNS);
  if (safety) return { reason: 'safety', urgency: 'high', matched: safety };
  const human = findPhrase(text, HUMAN_PATTERNS);
  if (human) return { reason: 'asked_for_human', urgency: 'normal', matched: human };
  return null;
}

export interface AnswerFacts {
  mode: 'ai' | 'manuals_only';
  text: string;
  citations: readonly unknown[];
  retrievedCount: number;
  modelFailed: boolean;
}

/** True when the answer itself says the manuals do not cover the question. */
export function saysNotCovered(answer: string): boolean {
  return findPhrase(normalise(answer), NOT_COVERED_PATTERNS) !== null;
}

/** Why escalation should be offered after this answer, or null. */
export function offerAfterAnswer(answer: AnswerFacts, question: string): OfferReason | null {
  if (answer.modelFailed && answer.mode === 'manuals_only') return 'model_failure';
  if (isSmallTalk(normalise(question))) return null;
  if (answer.retrievedCount === 0 || answer.citations.length === 0 || saysNotCovered(answer.text)) return 'no_answer';
  return null;
}

/** "Not helpful" on the latest answers in a row (newest first) offers escalation. */
export function offerAfterFeedback(
  recent: readonly { helpful: boolean | null }[],
  streak: number = ESCALATION_POLICY.notHelpfulStreak,
): OfferReason | null {
  if (recent.length < streak) return null;
  return recent.slice(0, streak).every((a) => a.helpful === false) ? 'not_helpful' : null;
}

export interface OfferState {
  mode: 'assistant' | 'support';
  /** When escalation was last offered in this session. */
  offeredAt: Date | null;
  /** When an escalation of this session was last resolved. */
  lastResolvedAt: Date | null;
  /** An open or acknowledged escalation exists. */
  hasActiveEscalation: boolean;
}

/**
 * Escalation is offered at most once per problem: not while support is engaged or an escalation
 * is open, and not again until an escalation of the session was resolved after the last offer.
 */
export function mayOffer(state: OfferState): boolean {
  if (state.mode === 'support' || state.hasActiveEscalation) return false;
  if (!state.offeredAt) return true;
  return state.lastResolvedAt !== null && state.lastResolvedAt.getTime() > state.offeredAt.getTime();
}

/** What the technician reads with the offer. */
export function offerMessage(reason: OfferReason): string {
  switch (reason) {
    case 'model_failure':
      return 'The AI assistant is unavailable right now, so this answer only quotes the manuals. Would you like a person from support to look at it?';
    case 'not_helpful':
      return 'Sorry these answers did not help. Would you like to hand this over to a person from support?';
    case 'no_answer':
      return "The manuals don't seem to cover this. Would you like to escalate it to a person from support?";
  }
}

/** The handoff message stored in the chat when an escalation is created. */
export function handoffMessage({ reference, reason, urgency }: { reference: number; reason: EscalationReason; urgency: Urgency }): string {
  const base = `Support has been notified — reference #${reference}.`;
  if (reason === 'safety') {
    return `${base} It is marked urgent. If anyone is in danger: stop the machine only if it is safe to do so, keep people away, and call your local emergency number. A person from support will reply here.`;
  }
  const urgent = urgency === 'high' ? ' It is marked urgent.' : '';
  return `${base}${urgent} A person from support will reply here; you can keep asking the assistant meanwhile.`;
}
