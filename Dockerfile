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
# Node runs directly (not through npm) so SIGTERM reaches Pivot and it shuts down cleanly. A 2 MB young
# generation keeps short-lived garbage from growing the heap (measured in bench/README.md).
CMD ["node", "--max-semi-space-size=2", "dist/cli.js", "run"]
