import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { consumerNames } from './consumer-names';
import { nextServicePort } from './free-port';
import { scaffoldConsumer } from './scaffold';

const USAGE = `usage: npm run new:consumer -- <name> [--port <port>] [--event <a.b>] [--root <dir>]
  <name>    kebab-case service name, e.g. loyalty-points
  --port    HTTP port (default: the lowest free one from 3000)
  --event   its status event without version (default: <name>.processed)
  --root    the repository to add it to (default: the current directory)`;

/**
 * npm run new:consumer -- <name>
 * Scaffolds a consumer service shaped like the others (see scaffold.ts), then
 * says how to build, test and run it.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      event: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const [name] = positionals;
  if (values.help || !name || positionals.length > 1) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const root = values.root ?? process.cwd();
  const port = values.port ? Number(values.port) : nextServicePort(root);
  const names = consumerNames(name, port, values.event);
  const { created, edited } = await scaffoldConsumer(root, names);
  const show = (paths: string[]) => paths.map((p) => `  ${relative(root, p)}`).join('\n');
  console.log(`created:\n${show(created)}\nregistered in:\n${show(edited)}`);
  console.log(`
next:
  npm run build   (generates its Prisma client and compiles)
  npx jest apps/${name}
  npm run start:${name}   (port ${port}, schema ${names.schema})
  curl localhost:${port}/${name}/orders/<orderId>
Its ${names.event}.v1 events join each order's timeline with no order-service change.
History: npm run replay -- ${name}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
