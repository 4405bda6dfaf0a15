import { call } from './api';

type Handler = Parameters<typeof call>[0];

/**
 * Calls a next-auth route handler the way the Next server does. The handler reads the request
 * through next/headers, which only answers inside the request scope Next opens around a route,
 * holding the request's headers and cookies.
 */
export function authCaller(handler: unknown) {
  const inRequestScope: Handler = async (req, ctx) => {
    const { workAsyncStorage } = await import('next/dist/server/app-render/work-async-storage.external');
    const { workUnitAsyncStorage } = await import('next/dist/server/app-render/work-unit-async-storage.external');
    const { RequestCookies } = await import('next/dist/server/web/spec-extension/cookies');
    const work = { route: '/api/auth/[...nextauth]', forceStatic: false, dynamicShouldError: false } as never;
    const unit = { type: 'request', phase: 'render', headers: req.headers, cookies: new RequestCookies(req.headers) } as never;
    return workAsyncStorage.run(work, () => workUnitAsyncStorage.run(unit, () => (handler as Handler)(req, ctx)));
  };
  return (action: string[], opts: Parameters<typeof call>[1] = {}) => {
    const params = { nextauth: action } as unknown as Record<string, string>;
    return call(inRequestScope, { ...opts, path: `/api/auth/${action.join('/')}`, params });
  };
}
