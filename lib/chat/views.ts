import type { AiMessage, AiSession } from '@/db/schema';

export type EscalationSummary = { id: string; reference: number; status: string } | null;

export function toSessionView(s: AiSession, escalation: EscalationSummary) {
  return {
    id: s.id,
    title: s.title,
    machineModel: s.machineModel,
    serialNumber: s.serialNumber,
    mode: s.mode,
    lastMessageAt: s.lastMessageAt,
    createdAt: s.createdAt,
    escalation,
  };
}

export function toMessageView(m: AiMessage) {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    status: m.status,
    mode: m.mode,
    authorName: m.authorName,
    citations: m.citations,
    model: m.model,
    fallbackUsed: m.fallbackUsed,
    helpful: m.helpful,
    feedbackComment: m.feedbackComment,
    createdAt: m.createdAt,
    completedAt: m.completedAt,
  };
}

export type SessionView = ReturnType<typeof toSessionView>;
export type MessageView = ReturnType<typeof toMessageView>;
