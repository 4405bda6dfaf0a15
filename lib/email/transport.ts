import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { env } from '@/lib/env';
import { dropSingleton, singleton } from '@/lib/singleton';

function smtp(): Transporter {
  return singleton('fixlineSmtp', () => {
    const s = env();
    return nodemailer.createTransport({
      host: s.SMTP_SERVER,
      port: s.SMTP_PORT ?? (s.SMTP_USE_SSL ? 465 : 587),
      secure: s.SMTP_USE_SSL,
      requireTLS: s.SMTP_USE_TLS,
      ignoreTLS: !s.SMTP_USE_TLS && !s.SMTP_USE_SSL,
      auth: s.SMTP_USERNAME ? { user: s.SMTP_USERNAME, pass: s.SMTP_PASSWORD ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  });
}

function fileMailer(): Transporter {
  return singleton('fixlineFileMailer', () => nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }));
}

export function outboxDir(): string {
  return path.join(env().dataDir, 'outbox');
}

export interface Delivery {
  via: 'smtp' | 'file';
  /** SMTP response or the .eml path. */
  detail: string;
}

/** Sends through SMTP, or writes an .eml file under DATA_DIR/outbox when no SMTP server is configured. */
export async function deliver(message: Mail.Options, fileName: string): Promise<Delivery> {
  if (env().smtpConfigured) {
    const info = await smtp().sendMail(message);
    return { via: 'smtp', detail: String(info.response ?? info.messageId) };
  }
  const info = (await fileMailer().sendMail(message)) as unknown as { message: Buffer };
  await fs.mkdir(outboxDir(), { recursive: true });
  const file = path.join(outboxDir(), path.basename(fileName).replace(/[^A-Za-z0-9._-]/g, '_'));
  await fs.writeFile(file, info.message);
  return { via: 'file', detail: file };
}

/** The raw RFC 822 message, as the .eml file would hold it (to show an email that went by SMTP). */
export async function renderRaw(message: Mail.Options): Promise<Buffer> {
  const info = (await fileMailer().sendMail(message)) as unknown as { message: Buffer };
  return info.message;
}

/** Reads an .eml file the outbox wrote; only a plain file name inside DATA_DIR/outbox is accepted. */
export async function readOutboxFile(fileName: string): Promise<Buffer | null> {
  // No separators can pass this pattern, so the path cannot leave the outbox folder.
  if (!/^[A-Za-z0-9._-]+\.eml$/.test(fileName)) return null;
  try {
    return await fs.readFile(path.join(outboxDir(), fileName));
  } catch {
    return null;
  }
}

export async function verifySmtp(): Promise<void> {
  await smtp().verify();
}

/** Drops cached transports (settings changed, or tests). */
export function resetTransports(): void {
  dropSingleton<Transporter>('fixlineSmtp')?.close();
  dropSingleton('fixlineFileMailer');
}
