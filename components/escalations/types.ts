// Shapes of the escalation API as the browser receives them (dates are ISO strings).
import type { Citation } from '@/db/schema';

export type EscalationStatus = 'open' | 'acknowledged' | 'resolved';
export type Urgency = 'low' | 'normal' | 'high';
export type StatusFilter = EscalationStatus | 'active' | 'all';

export interface InboxItem {
  id: string;
  reference: number;
  status: EscalationStatus;
  urgency: Urgency;
  reason: string;
  reasonLabel: string;
  note: string | null;
  machineModel: string | null;
  serialNumber: string | null;
  sessionTitle: string;
  sessionMode: 'assistant' | 'support';
  technician: { id: string; name: string; email: string };
  assignedTo: string | null;
  assigneeName: string | null;
  createdAt: string;
  lastActivityAt: string;
  unread: boolean;
}

export interface InboxData {
  escalations: InboxItem[];
  counts: Record<EscalationStatus, number>;
  machineModels: string[];
}

export interface TranscriptMessage {
  id: string;
  role: 'user' | 'assistant' | 'support' | 'system';
  content: string;
  status: string;
  mode: 'ai' | 'manuals_only' | null;
  authorName: string | null;
  citations: Citation[];
  helpful: boolean | null;
  feedbackComment: string | null;
  createdAt: string;
}

export interface EscalationDetailData {
  escalation: {
    id: string;
    reference: number;
    status: EscalationStatus;
    urgency: Urgency;
    reason: string;
    reasonLabel: string;
    note: string | null;
    phone: string | null;
    summary: string;
    machineModel: string | null;
    serialNumber: string | null;
    assignedTo: string | null;
    assignee: { id: string; name: string } | null;
    resolvedBy: { id: string; name: string } | null;
    acknowledgedAt: string | null;
    resolvedAt: string | null;
    resolutionNote: string | null;
    createdAt: string;
    timeToAcknowledgeMs: number | null;
    timeToResolveMs: number | null;
  };
  technician: { id: string; name: string; email: string; phone: string | null };
  machine: { model: string | null; serialNumber: string | null };
  session: { id: string; title: string; mode: 'assistant' | 'support'; lastMessageAt: string };
  messages: TranscriptMessage[];
  emails: { id: string; kind: string; toAddress: string; subject: string; status: 'pending' | 'sent' | 'failed'; attempts: number; lastError: string | null; sentAt: string | null; createdAt: string }[];
  assignees: { id: string; name: string; role: string }[];
}
