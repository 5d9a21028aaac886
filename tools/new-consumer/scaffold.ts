import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { ConsumerNames } from './consumer-names';
import { writeInitMigration } from './init-migration';
import { REGISTRATIONS } from './registrations';
import { renderTemplates } from './templates';

export interface ScaffoldResult {
  created: string[];
  edited: string[];
}

/**
 * Adds a consumer service to the repository at `root`: its app, Prisma schema
 * and init migration, queue, status event contract and example, service map
 * entries and start script. Nothing under apps/order-service is touched:
 * tracking is generic, so the new status event reaches the order timeline as is.
 */
export async function scaffoldConsumer(
  root: string,
  names: ConsumerNames,
): Promise<ScaffoldResult> {
  for (const taken of [`apps/${names.name}`, `prisma/${names.name}`]) {
    if (existsSync(join(root, taken))) throw new Error(`${taken} already exists`);
  }
  // Edit the shared files in memory first: a moved marker stops us before anything is written.
  const edits = REGISTRATIONS.map((registration) => {
    const path = join(root, registration.file);
    return { path, text: registration.apply(readFileSync(path, 'utf8'), names) };
  });

  const created: string[] = [];
  for (const file of renderTemplates(join(root, 'tools/new-consumer/templates'), names)) {
    const path = join(root, file.path);
    if (existsSync(path)) throw new Error(`${file.path} already exists`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    created.push(path);
  }
  const shared = join(root, 'prisma', names.name, 'messaging.prisma');
  symlinkSync('../shared/messaging.prisma', shared);
  created.push(shared);
  created.push(...(await writeInitMigration(root, names)));

  for (const { path, text } of edits) writeFileSync(path, text);
  const edited = edits.map((edit) => edit.path);
  await formatFiles([...created, ...edited].filter((path) => /\.(ts|json)$/.test(path)));
  return { created, edited };
}

/** Prettier, with the repository's settings: names of any length still give clean code. */
async function formatFiles(paths: string[]): Promise<void> {
  for (const path of paths) {
    const options = (await resolveConfig(path)) ?? {};
    const text = readFileSync(path, 'utf8');
    const formatted = await format(text, { ...options, filepath: path });
    if (formatted !== text) writeFileSync(path, formatted);
  }
}
