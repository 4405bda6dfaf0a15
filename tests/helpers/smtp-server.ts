import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { freePort } from './redis-server';

export interface ReceivedMail {
  from: string | null;
  to: string[];
  raw: string;
  parsed: ParsedMail;
  /** Message-ID header as sent, with the angle brackets. */
  messageId: string | null;
}

type Rejection = { code: number; message: string };

/**
 * A real SMTP server for tests (no TLS, any login accepted) that records what it receives. It can
 * be told to reject the next messages with a temporary (4xx) or permanent (5xx) reply, and
 * stopped and started again on the same port to play an outage.
 */
export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private server?: SMTPServer;
  private rejections: Rejection[] = [];
  /** How many DATA commands were answered, rejected ones included. */
  attempts = 0;

  private constructor(readonly port: number) {}

  static async start(port?: number): Promise<TestSmtpServer> {
    const server = new TestSmtpServer(port ?? (await freePort()));
    await server.start();
    return server;
  }

  /** SMTP_* settings pointing at this server. */
  get env(): Record<string, string> {
    return { SMTP_SERVER: '127.0.0.1', SMTP_PORT: String(this.port), SMTP_USE_TLS: 'false', SMTP_USE_SSL: 'false' };
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      secure: false,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => void this.receive(Buffer.concat(chunks), session, callback));
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.listen(this.port, '127.0.0.1', () => resolve());
      server.once('error', reject);
    });
    this.server = server;
  }

  private async receive(raw: Buffer, session: SMTPServerSession, callback: (err?: Error | null) => void): Promise<void> {
    this.attempts += 1;
    const rejection = this.rejections.shift();
    if (rejection) {
      const error = Object.assign(new Error(rejection.message), { responseCode: rejection.code });
      callback(error);
      return;
    }
    const parsed = await simpleParser(raw);
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
    this.messages.push({
      from,
      to: session.envelope.rcptTo.map((r) => r.address),
      raw: raw.toString('utf8'),
      parsed,
      messageId: parsed.messageId ?? null,
    });
    callback(null);
  }

  /** The next `count` messages get a 4xx reply (try again later). */
  rejectTemporarily(count = 1, message = 'Mailbox busy, try again later'): void {
    for (let i = 0; i < count; i++) this.rejections.push({ code: 451, message });
  }

  /** The next `count` messages get a 5xx reply (never deliverable). */
  rejectPermanently(count = 1, message = 'Mailbox does not exist'): void {
    for (let i = 0; i < count; i++) this.rejections.push({ code: 550, message });
  }

  /** Stops listening (the port stays reserved for `start()`). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  clear(): void {
    this.messages.length = 0;
    this.rejections = [];
    this.attempts = 0;
  }

  byMessageId(id: string): ReceivedMail[] {
    return this.messages.filter((m) => m.messageId === id);
  }
}
