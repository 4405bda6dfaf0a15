# syntax=docker/dockerfile:1
# Fixline production image: the Next.js production build on Node 22, run as the unprivileged
# "node" user. The same image runs the app (`npm start`) and the one-off `npm run db:migrate`.

ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Dependencies, dev tools included (the build needs them), as pinned by package-lock.json.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm install --no-audit --no-fund

# 2. Production build, then drop the dev dependencies. tsx stays (a runtime dependency): the
#    migrate, create-user and check-config scripts run TypeScript from source with it.
FROM deps AS build
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf .next/cache

# 3. Runtime: the built app, its production dependencies and the sources the scripts need
#    (db/, lib/, scripts/, drizzle/ migrations, assets/). Only .next/cache and /data are writable.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# npm runs scripts with /bin/sh (dash), which stays in between and does not pass SIGTERM on;
# bash execs the command, so `next start` itself gets the signal and shuts down gracefully.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    DATA_DIR=/data \
    npm_config_update_notifier=false \
    npm_config_script_shell=/bin/bash
COPY --from=build /app ./
RUN mkdir -p /data .next/cache \
 && chown node:node /data .next/cache
USER node
# Uploaded manuals and the mail outbox. With several app replicas this must be shared storage.
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
