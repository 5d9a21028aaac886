import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * The routes the running app registered with Express ("GET /orders/:id"),
 * Swagger's /docs pages aside (setupOpenApi mounts them outside Nest's
 * controllers: the public API description) and the not-found catch-all.
 */
export function registeredRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const routes = express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => method !== '_all')
          .map((method) => `${method.toUpperCase()} ${layer.route?.path}`)
      : [],
  );
  // '{/*splat}' is the catch-all that answers 404 for every method on an unknown path.
  return [...new Set(routes.filter((route) => !/ (\/docs|\{\/\*splat\})/.test(route)))].sort();
}

/** Rows per table of the service's schema (orders, outbox, inbox, webhooks, …). */
export async function rowCounts(sql: Pool): Promise<Record<string, number>> {
  const { rows: tables } = await sql.query<{ name: string }>(
    `SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
       FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
      ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
    counts[name] = Number(rows[0]?.n);
  }
  return counts;
}
