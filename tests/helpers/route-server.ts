import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Serves one route handler over real HTTP the way `next start` hands it a request: the request body
 * is the Node request stream itself, read only as fast as the handler reads it.
 */
export async function serveRoute(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const request = new NextRequest(new URL(req.url ?? '/', `http://${req.headers.host}`), {
        method: req.method,
        headers,
        body: req as unknown as BodyInit,
        duplex: 'half',
      } as ConstructorParameters<typeof NextRequest>[1]);
      const response = await handler(request, { params: Promise.resolve({}) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error) => {
      res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface StreamedUpload {
  status: number;
  body: string;
  /** Bytes of the body sent when the answer arrived. */
  sentBeforeAnswer: number;
  totalBytes: number;
  /** Milliseconds from the first byte sent to the answer. */
  ms: number;
}

/**
 * Sends a body of `totalBytes` (made chunk by chunk by `chunk(offset)`, never whole) and stops
 * sending as soon as an answer arrives, as browsers and curl do with an early error.
 */
/**
 * The server closes a refused upload's connection while the client is still writing. Node's client
 * then sometimes hits the closed socket (EPIPE, ECONNRESET) before it has parsed the answer that
 * arrived, where curl or a browser reads it; such a run is tried again, at most eight times (on a
 * busy machine three tries all met it once).
 */
export async function streamUpload(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
  chunk: (offset: number) => Uint8Array,
): Promise<StreamedUpload> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await streamUploadOnce(url, headers, totalBytes, chunk);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 8 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

function streamUploadOnce(
  url: string,
  headers: Record<string, string>,
  totalBytes: number,
  chunk: (offset: number) => Uint8Array,
): Promise<StreamedUpload> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const started = performance.now();
    const req = http.request(url, { method: 'POST', headers });
    req.on('response', (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      const ms = performance.now() - started;
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), sentBeforeAnswer, totalBytes, ms });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < totalBytes) {
        const piece = chunk(sent).subarray(0, totalBytes - sent);
        sent += piece.byteLength;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && sent >= totalBytes) req.end();
    };
    pump();
  });
}
