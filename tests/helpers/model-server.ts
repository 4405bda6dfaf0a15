// An OpenAI-compatible model server for tests and benchmarks (plain node:http). Each model gets a
// queue of scripted behaviours and a default, so a test can make the primary fail in a precise way.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as wire from './model-wire';

type Tokens = string[] | string;
interface Timing {
  firstTokenDelayMs?: number;
  tokenDelayMs?: number;
}

export type Behaviour =
  | ({ kind: 'stream'; tokens: Tokens; usage?: wire.Usage | false; finishReason?: string } & Timing)
  | { kind: 'status'; status: 400 | 401 | 404 | 429 | 500 | 502 | 503; retryAfter?: number; retryAfterMs?: number; body?: unknown }
  | { kind: 'hang' }
  | ({ kind: 'stall'; afterTokens: number; tokens?: Tokens } & Timing)
  | ({ kind: 'drop'; afterTokens: number; tokens?: Tokens } & Timing)
  /** `slowWhen`: a question containing this word is answered slowly (browser tests stop and reload mid-answer). */
  | ({ kind: 'echo'; length?: number; slowWhen?: string; slowTokenDelayMs?: number } & Timing);

export interface RecordedRequest {
  path: string;
  model: string;
  messages: wire.WireMessage[];
  stream: boolean;
  body: Record<string, unknown>;
  at: number;
}

export interface ModelServer {
  /** Base URL ending in /v1, for OPENAI_BASE_URL. */
  url: string;
  port: number;
  /** Chat and embeddings requests received, oldest first. */
  requests: RecordedRequest[];
  /**
   * The next streamed answers (and embeddings requests) for `model` get these behaviours in order,
   * replacing any still queued.
   */
  script(model: string, ...behaviours: Behaviour[]): void;
  /**
   * The same for non-streamed chat completions (titles, summaries). A queue of their own: they run
   * beside the streamed answer and would otherwise take behaviours scripted for it.
   */
  scriptComplete(model: string, ...behaviours: Behaviour[]): void;
  /** What `model` does when nothing is queued; model '*' sets it for every model. */
  setDefault(model: string, behaviour: Behaviour): void;
  /** Forgets queues, defaults and recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const FILLER_TOKENS = wire.splitTokens('The stub model keeps talking so that the stream has something to stall or drop in the middle of. ');

export async function startModelServer(opts: { port?: number; host?: string } = {}): Promise<ModelServer> {
  const queues = new Map<string, Behaviour[]>();
  const completeQueues = new Map<string, Behaviour[]>();
  const defaults = new Map<string, Behaviour>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const behaviourFor = (model: string, stream: boolean): Behaviour =>
    (stream ? queues : completeQueues).get(model)?.shift() ?? defaults.get(model) ?? defaults.get('*') ?? { kind: 'echo' };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    res.setHeader('x-request-id', `req_stub_${Date.now().toString(36)}`);
    if (req.method === 'GET' && path === '/v1/models') {
      const ids = [...new Set([...defaults.keys(), ...queues.keys(), ...completeQueues.keys()])].filter((id) => id !== '*');
      return json(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'stub' })) });
    }
    if (req.method !== 'POST' || (path !== '/v1/chat/completions' && path !== '/v1/embeddings'))
      return json(res, 404, wire.errorBody(404, `no route ${req.method} ${path}`));

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, wire.errorBody(400, 'body is not JSON'));
    }
    const model = String(body.model ?? '');
    const raw = Array.isArray(body.messages) ? (body.messages as { role?: unknown; content?: unknown }[]) : [];
    const messages = raw.map((m) => ({ role: String(m.role), content: wire.contentText(m.content) }));
    const stream = body.stream === true;
    requests.push({ path, model, messages, stream, body, at: Date.now() });

    const behaviour = behaviourFor(model, stream || path === '/v1/embeddings');
    if (behaviour.kind === 'hang') return; // Never answered; close() destroys the socket.
    if (behaviour.kind === 'status') {
      if (behaviour.retryAfter !== undefined) res.setHeader('retry-after', String(behaviour.retryAfter));
      if (behaviour.retryAfterMs !== undefined) res.setHeader('retry-after-ms', String(behaviour.retryAfterMs));
      return json(res, behaviour.status, behaviour.body ?? wire.errorBody(behaviour.status));
    }
    if (path === '/v1/embeddings') {
      const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
      return json(res, 200, wire.embeddingsResponse(model, inputs, body.encoding_format !== 'float'));
    }

    const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const slow = behaviour.kind === 'echo' && behaviour.slowWhen !== undefined && lastUser.toLowerCase().includes(behaviour.slowWhen);
    const tokenDelayMs =
      slow && behaviour.kind === 'echo'
        ? (behaviour.slowTokenDelayMs ?? 100)
        : 'tokenDelayMs' in behaviour
          ? (behaviour.tokenDelayMs ?? 0)
          : 0;
    const tokens =
      behaviour.kind === 'echo'
        ? wire.splitTokens(wire.echoAnswer(messages, slow ? Math.max(behaviour.length ?? 0, 80) : behaviour.length))
        : tokensOf(behaviour);
    const cutAt = behaviour.kind === 'stall' || behaviour.kind === 'drop' ? behaviour.afterTokens : null;
    const usage = behaviour.kind === 'stream' && behaviour.usage !== undefined ? behaviour.usage : wire.estimateUsage(messages, tokens);

    if (!stream) {
      if (!(await wait(res, behaviour.firstTokenDelayMs ?? 0))) return;
      if (behaviour.kind === 'stall') return;
      if (behaviour.kind === 'drop') return void res.destroy();
      return json(res, 200, wire.completion(model, tokens.join(''), usage || wire.estimateUsage(messages, tokens)));
    }

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const id = wire.completionId();
    await write(res, wire.sse(wire.chunk(id, model, { role: 'assistant', content: '' })));
    if (!(await wait(res, behaviour.firstTokenDelayMs ?? 0))) return;
    for (let i = 0; i < tokens.length; i++) {
      if (i === cutAt) break;
      if (i > 0 && !(await wait(res, tokenDelayMs))) return;
      if (!(await write(res, wire.sse(wire.chunk(id, model, { content: tokens[i] }))))) return;
    }
    if (behaviour.kind === 'stall') return; // Headers and some tokens sent, then silence.
    if (behaviour.kind === 'drop') return void res.socket?.destroy();
    await write(res, wire.sse(wire.chunk(id, model, {}, behaviour.kind === 'stream' ? (behaviour.finishReason ?? 'stop') : 'stop')));
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    if (includeUsage && usage) await write(res, wire.sse(wire.usageChunk(id, model, usage)));
    res.end(wire.sse('[DONE]'));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/v1`,
    port,
    requests,
    script: (model, ...behaviours) => void queues.set(model, [...behaviours]),
    scriptComplete: (model, ...behaviours) => void completeQueues.set(model, [...behaviours]),
    setDefault: (model, behaviour) => void defaults.set(model, behaviour),
    reset() {
      queues.clear();
      completeQueues.clear();
      defaults.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function tokensOf(behaviour: Exclude<Behaviour, { kind: 'echo' | 'hang' | 'status' }>): string[] {
  if (behaviour.tokens !== undefined) return wire.splitTokens(behaviour.tokens);
  // Stall and drop need more tokens than they cut at.
  const count = 'afterTokens' in behaviour ? behaviour.afterTokens + 5 : 0;
  return Array.from({ length: count }, (_, i) => FILLER_TOKENS[i % FILLER_TOKENS.length]);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, data: unknown): void {
  const body = JSON.stringify(data);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Resolves once the data is handed to the socket (so a following destroy cannot lose it); false if closed. */
function write(res: http.ServerResponse, data: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  return new Promise((resolve) => res.write(data, (error) => resolve(!error)));
}

/** A delay that ends early (false) when the client goes away, so no timer outlives the request. */
function wait(res: http.ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}
