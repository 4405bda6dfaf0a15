import 'server-only';
export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface LlmResult {
  /** The model that wrote the answer (primary or fallback). */
  model: string;
  fallbackUsed: boolean;
  promptTokens: number;
  completionTokens: number;
  /** From the start of the call (retries included) to the end of the answer. */
  latencyMs: number;
  /** From the start of the call to the first token of the answer that was kept. */
  firstTokenMs: number | null;
  costUsd: number;
  /** Attempts made across all models, the successful one included. */
  attempts: number;
  /** 'stop', or 'length' when the answer was cut by the token limit. */
  finishReason: string | null;
  /** False when the server did not report usage and the token counts are estimates. */
  usageReported: boolean;
}

export type LlmEvent =
  | { type: 'token'; text: string }
  /** The text streamed so far is void: another attempt starts from scratch. */
  | { type: 'reset'; reason: string }
  | { type: 'done'; result: LlmResult };

export interface GenerationOptions {
  messages: ChatMessage[];
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
}
