// The floor for the chat benchmark: a bare Node HTTP server that forwards a chat request to the
// stub model and pipes its stream back, with no database, auth or retrieval.
import http from 'node:http';

const port = Number(process.argv[2] ?? 4020);
const upstream = process.argv[3] ?? 'http://127.0.0.1:4010/v1';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { message } = JSON.parse(body || '{}') as { message?: string };
      const payload = JSON.stringify({ model: 'bench', stream: true, messages: [{ role: 'user', content: message ?? '' }] });
      const up = http.request(
        `${upstream}/chat/completions`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: 'Bearer bench' } },
        (r) => {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
          r.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      up.end(payload);
    });
  })
  .listen(port, '127.0.0.1', () => console.log(`floor proxy on ${port}`));
