# atlas-gov-mock: the simulator as a container.
#
#   docker build -t atlas-gov-mock .
#   docker run --rm -p 127.0.0.1:8080:8080 atlas-gov-mock
#   docker run --rm -p 127.0.0.1:8443:8443 -e ATLAS_MOCK_PORT=8443 -e ATLAS_MOCK_TLS=1 -v atlas-gov-mock:/home/node/.atlas-gov-mock atlas-gov-mock
#
# Every flag is also an ATLAS_MOCK_* variable (see `docker run --rm atlas-gov-mock --help`).
# Inside the container the server binds 0.0.0.0 so the published port reaches it; this is
# the only place the default is not 127.0.0.1. Publish the port on 127.0.0.1 as above
# unless other machines must reach it. Because of that bind, the server prints a warning
# and a generated control-plane token at start (see `docker logs`); set your own with
# -e ATLAS_MOCK_CONTROL_TOKEN=...
# Node: the current LTS line (26).

FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY handlers ./handlers
COPY contracts ./contracts
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:26-slim
ENV NODE_ENV=production \
    ATLAS_MOCK_HOST=0.0.0.0 \
    ATLAS_MOCK_PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["node", "dist/src/healthcheck.js"]
ENTRYPOINT ["node", "dist/src/cli.js"]
