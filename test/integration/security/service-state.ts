import type { NestExpressApplication } from '@nestjs/platform-express';

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
