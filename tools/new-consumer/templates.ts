import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fillPlaceholders, type ConsumerNames } from './consumer-names';

export interface RenderedFile {
  /** Path from the repository root. */
  path: string;
  content: string;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * Every template under `templatesDir` (a mirror of the repository layout,
 * files ending in .tpl so no tool mistakes them for source), with the
 * placeholders in both its path and its text filled in.
 */
export function renderTemplates(templatesDir: string, names: ConsumerNames): RenderedFile[] {
  return listFiles(templatesDir)
    .filter((file) => file.endsWith('.tpl'))
    .sort()
    .map((file) => ({
      path: fillPlaceholders(relative(templatesDir, file).replace(/\.tpl$/, ''), names),
      content: fillPlaceholders(readFileSync(file, 'utf8'), names),
    }));
}
