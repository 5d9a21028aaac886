import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { parseDatabaseUrl } from './database-url';

type WasmExports = Record<string, unknown>;
type Bindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WasmExports): void;
};
/** The slice of the WebAssembly global used here (its types live in lib.dom, not @types/node). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: WasmExports } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WasmApi };

let bindings: Promise<Bindings> | undefined;

/**
 * Loads Prisma's schema engine compiled to WASM. Its package entry imports the
 * .wasm file as an ES module, which Node 20 only allows behind a flag, so the
 * bindings are loaded directly and the module is instantiated here.
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Bindings;
    const wasmPath = require
      .resolve('@prisma/schema-engine-wasm/schema_engine_bg')
      .replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      './schema_engine_bg.js': bg,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return bindings;
}

export interface PrismaSchemaFile {
  path: string;
  content: string;
}

/** A service's schema is a folder of .prisma files (its own models plus the shared messaging ones). */
export function readSchemaFolder(dir: string): PrismaSchemaFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.prisma'))
    .sort()
    .map((name) => ({ path: join(dir, name), content: readFileSync(join(dir, name), 'utf8') }));
}

/** Starts a schema engine bound to `databaseUrl` (its schema included). */
export async function startSchemaEngine(
  databaseUrl: string,
  files: PrismaSchemaFile[],
): Promise<SchemaEngine> {
  const bg = await loadBindings();
  const target = parseDatabaseUrl(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(
    new PrismaPg(
      { connectionString: target.connectionString, options: `-c search_path=${target.schema}` },
      { schema: target.schema },
    ),
  );
  return bg.SchemaEngine.new(
    { datamodels: files.map((file) => [file.path, file.content]) },
    () => undefined,
    adapter,
  );
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
