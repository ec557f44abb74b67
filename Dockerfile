# wirefeed, compiled in a build stage and run from dist/ as the unprivileged `node` user.
# One image for every role: `start` by default (worker and HTTP on the embedded store, or on Redis
# with REDIS_URL), `worker` or `serve` as its command (see docker-compose.yml).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source where no prebuilt binary fits the platform.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# The compiler is a dev dependency: build, then keep only what runs.
RUN npm run build && npm prune --omit=dev && npm cache clean --force

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080 WIREFEED_DATA_DIR=/app/data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
COPY demo ./demo
# No src/ in the image: bin/wirefeed.js runs dist/. The embedded store's directory (mount a volume
# there to keep it) belongs to the user the service runs as; nothing else is writable by it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM (docker stop) stops it cleanly at any moment, start-up included: exit 0.
ENTRYPOINT ["node", "bin/wirefeed.js"]
CMD ["start"]
