/** How a failed delivery is treated: tried again later, or failed for good. */
import 'server-only';
export interface DeliveryFailure {
  permanent: boolean;
  /** One line fit to show an admin: the SMTP reply or what went wrong. */
  message: string;
}

interface MailError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
}

/**
 * SMTP 5xx replies about the message or its recipients are permanent; 4xx replies, connection
 * and timeout errors are temporary. A failed login (EAUTH) is a configuration problem that
 * affects every email, so it is retried rather than failing each email for good.
 */
export function classifyDeliveryError(error: unknown): DeliveryFailure {
  const e = (error ?? {}) as MailError;
  const reply = (e.response ?? '').replace(/\s+/g, ' ').trim();
  const base = (e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  const text = (reply && !base.includes(reply) ? `${base}: ${reply}` : base).slice(0, 500);
  const code = e.responseCode;
  if (e.code === 'EAUTH') return { permanent: false, message: `SMTP login failed (check SMTP_USERNAME/SMTP_PASSWORD): ${text}` };
  if (typeof code === 'number' && code >= 500 && code < 600) return { permanent: true, message: `${code} ${text}`.trim() };
  if (typeof code === 'number' && code >= 400 && code < 500) return { permanent: false, message: `${code} ${text}`.trim() };
  // Refused by nodemailer before talking to the server (bad address, message too large).
  if ((e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && !code) return { permanent: true, message: text };
  return { permanent: false, message: e.code ? `${e.code}: ${text}` : text };
}
