# One image for every Dinner Rush service and tool; compose picks one with its command.
# Built and run on Node 24 LTS, the major package.json engines, .nvmrc and .ci/run name.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Schemas and migrations (db-setup applies each service's as its own role).
COPY --from=build /app/prisma ./prisma
# The per-service role SQL (db-roles) and broker settings.
COPY --from=build /app/deploy ./deploy
# The dashboard's page (static files the TypeScript build does not copy).
COPY --from=build /app/apps/dashboard/public ./apps/dashboard/public
# Writable by the unprivileged user: rendered broker definitions (a volume) and load reports.
RUN mkdir -p /definitions /app/reports && chown node:node /definitions /app/reports
USER node
CMD ["node", "dist/apps/order-service/src/main.js"]
