# Ticketdesk production image: compiled server and built web app, production dependencies only.
# docker-compose.yml builds and runs it; deploy/*.test.ts start its CMD outside Docker.

# ---- build: every dependency, then `npm run build` into dist/
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime
FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# NOTE: only used when no PostgreSQL is configured (embedded PGlite); mount a volume here to keep it.
RUN mkdir data && chown node:node data
USER node
EXPOSE 8000
# Slim images have no curl; Node has fetch.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# Exec form: node itself receives SIGTERM and closes gracefully (server/main.ts).
CMD ["node", "dist/server/main.js"]
