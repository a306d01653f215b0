# Pivot in a small image on the current Node LTS, running compiled JavaScript (no TypeScript loader: less memory,
# faster start). The runtime stage has production dependencies only: no tsx, esbuild, drizzle-kit or type packages.
# The SQLite database lives on the /data volume.
FROM node:26-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# Type packages that runtime libraries depend on are never loaded at run time.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund && rm -rf node_modules/@types

FROM node:26-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/pivot.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY prompts ./prompts
COPY knowledge ./knowledge
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# The dashboard, /healthz and /metrics listen inside the container; publish the port only to a reverse proxy, and
# set PUBLIC_URL to the address mentors open. WEB_PORT= (empty) turns the server and this check off.
ENV WEB_PORT=8080 \
    WEB_HOST=0.0.0.0
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const p=process.env.WEB_PORT;if(!p)process.exit(0);fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node runs directly (not through npm) so SIGTERM reaches Pivot and it shuts down cleanly. A 2 MB young
# generation keeps short-lived garbage from growing the heap (measured in bench/README.md).
CMD ["node", "--max-semi-space-size=2", "dist/cli.js", "run"]
