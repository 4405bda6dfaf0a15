import { describe, expect, it } from 'vitest';
import * as health from '@/app/api/health/route';
import * as live from '@/app/api/health/live/route';
import * as ready from '@/app/api/health/ready/route';
import * as info from '@/app/api/info/route';
import * as metricsRoute from '@/app/api/metrics/route';
import * as me from '@/app/api/me/route';
import { call } from '../helpers/api';

describe('operations endpoints', () => {
  it('reports health with every check, 200 when the database is up', async () => {
    const res = await call(health.GET);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: expect.stringMatching(/ok|degraded/), timestamp: expect.any(String) });
    expect(body.checks.database).toMatchObject({ status: 'ok', mode: 'postgres' });
    expect(body.checks.redis.status).toBe('ok');
    expect(body.checks.openai.status).toBe('not configured');
    expect(body.checks.smtp.status).toBe('not configured');
  });

  it('answers liveness and readiness (database reachable and migrated)', async () => {
    expect((await live.GET()).status).toBe(200);
    const res = await call(ready.GET);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('describes version and modes without secrets', async () => {
    const res = await call(info.GET);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ name: 'fixline', modes: { database: 'postgres', store: 'redis', assistant: 'manuals-only' } });
    expect(text).not.toContain(process.env.NEXTAUTH_SECRET!);
    expect(text).not.toContain('postgres://');
  });

  it('exposes Prometheus metrics with request counts and latency by route and status', async () => {
    await call(me.GET);
    const res = await metricsRoute.GET();
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/fixline_http_requests_total\{method="GET",route="GET \/api\/me",status="401"\} \d+/);
    expect(text).toContain('fixline_http_request_duration_seconds_bucket');
    expect(text).toContain('fixline_process_resident_memory_bytes');
  });
});
