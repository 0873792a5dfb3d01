# syntax=docker/dockerfile:1
# One image for every Node process of the platform: the gateway, the six subgraphs, the mock
# FranceConnect and the four mock agencies. docker-compose.yml picks the entry point with
# `command`. The TypeScript is compiled to JavaScript in the build stage, so the runtime runs
# plain `node` on dist/: no TypeScript loader (nor its native esbuild binary) ships, start-up
# does no transpiling, and a type error fails the image build.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Production dependencies only: exactly what the runtime stage ships.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 2. Compile: all dependencies (typescript and the type packages), then `npm run build` → dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY contract ./contract
COPY common ./common
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY mocks ./mocks
COPY modules ./modules
COPY config ./config
COPY rules ./rules
COPY schemas ./schemas
COPY operations ./operations
RUN npm run build

# 3. Runtime: compiled code and production dependencies, owned by root and run by the
# unprivileged `node` user (uid 1000) of the base image, so the process cannot change its code.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
CMD ["node", "dist/gateway/src/server.js"]
