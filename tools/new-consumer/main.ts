import { relative } from 'node:path';
import type { ConsumerNames } from './consumer-names';
import { scaffoldConsumer } from './scaffold';

/**
 * `dinner-rush new:consumer <name>`: scaffolds a consumer service shaped like
 * the others (see scaffold.ts) into `root`, then says how to build, test and
 * run it.
 */
export async function newConsumer(root: string, names: ConsumerNames): Promise<void> {
  const { name, port } = names;
  const { created, edited } = await scaffoldConsumer(root, names);
  const show = (paths: string[]) => paths.map((p) => `  ${relative(root, p)}`).join('\n');
  console.log(`created:\n${show(created)}\nregistered in:\n${show(edited)}`);
  console.log(`
next:
  npm run build   (generates its Prisma client and compiles)
  npx jest apps/${name}
  npm run start:${name}   (port ${port}, schema ${names.schema})
  curl localhost:${port}/${name}/orders/<orderId>
  npm run broker:definitions   (its own broker user, granted only its own queues and status events)
  npm run k8s:render   (its Deployment, Service, disruption budget and KEDA ScaledObject in deploy/k8s)
Its ${names.event}.v1 events join each order's timeline with no order-service change.
History: npm run replay -- ${name}`);
}
