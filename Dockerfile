# syntax=docker/dockerfile:1
# Two images from one build (docker-compose.yml picks the entry point with `command`):
#   --target platform  the gateway and the six subgraphs, with the built web app
#   --target mocks     the stand-ins for what the platform does not own: the mock FranceConnect,
#                      the four mock agencies, and the example modules their third parties run
# The TypeScript is compiled to JavaScript in the build stage, so both run plain `node` on
# dist/: no TypeScript loader, no bundler, no embedded database, and a type error fails the build.
# Each process of the platform is bundled there into one file (scripts/bundle.ts), which cuts
# its start by a third or more (bench/README.md).

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. The platform's production dependencies: neither the devDependencies (compiler, bundler,
#    web app sources, PGlite, test tools) nor the optional ones, which only the mocks run.
FROM ${NODE_IMAGE} AS platform-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force

# 2. The mocks' production dependencies: the platform's, and the optional ones (oidc-provider).
FROM ${NODE_IMAGE} AS mocks-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Compile: all dependencies, then `npm run build` → dist/platform and dist/mocks (the web app
#    and GraphiQL built first, into the platform's).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.mocks.json ./
COPY contract ./contract
COPY common ./common
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY worker ./worker
COPY rules ./rules
COPY schemas ./schemas
COPY operations ./operations
COPY config ./config
COPY mocks ./mocks
COPY modules ./modules
COPY web ./web
COPY scripts ./scripts
RUN npm run build

# 4. Runtimes: compiled code and production dependencies, owned by root and run by the
# unprivileged `node` user (uid 1000) of the base image, so the process cannot change its code.
FROM ${NODE_IMAGE} AS mocks
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
COPY package.json ./
COPY --from=mocks-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/mocks ./dist
USER node
CMD ["node", "dist/mocks/franceconnect/server.js"]

FROM ${NODE_IMAGE} AS platform
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
COPY package.json ./
COPY --from=platform-deps /app/node_modules ./node_modules
COPY --from=build /app/dist/platform ./dist
USER node
EXPOSE 4000
CMD ["node", "dist/gateway/src/server.js"]
