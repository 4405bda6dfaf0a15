// Shapes the chat API sends to the browser (see app/api/sessions, app/api/chat).

export type EscalationStatus = 'open' | 'acknowledged' | 'resolved';
export type Urgency = 'low' | 'normal' | 'high';

export interface EscalationSummary {
  id: string;
  reference: number;
  status: EscalationStatus;
  urgency?: Urgency;
  reason?: string;
}

export interface Session {
  id: string;
  title: string;
  machineModel: string | null;
  serialNumber: string | null;
  mode: 'assistant' | 'support';
  lastMessageAt: string;
  createdAt: string;
  escalation: EscalationSummary | null;
}

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

export type MessageRole = 'user' | 'assistant' | 'support' | 'system';
export type MessageStatus = 'streaming' | 'complete' | 'stopped' | 'interrupted' | 'failed';

export interface Message {
  id: string;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  mode: 'ai' | 'manuals_only' | null;
  authorName: string | null;
  citations: Citation[];
  helpful: boolean | null;
  feedbackComment: string | null;
  createdAt: string;
}

export interface SessionDetail {
  session: Session;
  messages: Message[];
  generating: { messageId: string } | null;
}

export interface EscalationOffer {
  reason: string;
  message: string;
}

/** Events of `POST /api/chat` and `GET /api/sessions/:id/stream`, after JSON parsing. */
export type ChatEvent =
  | { type: 'started'; sessionId: string; userMessageId: string | null; assistantMessageId: string | null; title: string; created: boolean; session?: Session }
  | { type: 'session'; session: Session }
  | { type: 'generation'; messageId: string }
  | { type: 'snapshot'; messageId: string; text: string }
  | { type: 'token'; messageId: string; text: string; offset: number }
  | { type: 'reset'; messageId: string }
  /** `text`: the answer's final text, when its citation markers were renumbered. */
  | { type: 'citations'; messageId: string; citations: Citation[]; text?: string }
  | { type: 'escalation'; kind: 'offer' | 'created' | 'status'; reason?: string; message?: string; escalation?: EscalationSummary }
  | { type: 'done'; messageId: string; status: MessageStatus; mode: Message['mode'] }
  | { type: 'error'; messageId?: string; code: string; message: string }
  | { type: 'message'; message: Message };
