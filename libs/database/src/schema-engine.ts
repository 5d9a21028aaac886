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
 * .wasm file as an ES module: Node 24 does that without a flag but warns that
 * it is experimental on every run, and Jest's module loader cannot do it at
 * all. So the bindings are loaded directly and the module is instantiated
 * here, the same way under Node, Jest and any Node version (no flag needed).
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Bindings;
    const wasmPath = require
      .resolve('@prisma/schema-engine-wasm/schema_engine_bg')
      .replace(/schema_engine_bg\.js$/, 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      './schema_engine_bg.js': withUnrefTimers(bg),
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

/**
 * PrismaPg's executeScript splits a migration on every ";", which breaks
 * dollar-quoted function bodies (the outbox notify trigger). PostgreSQL runs a
 * multi-statement script as one simple query, so the script is sent unsplit.
 */
class WholeScriptPrismaPg extends PrismaPg {
  /** Every pool the engine opened, so they can be closed with it (the engine never does). */
  readonly connected: { dispose(): Promise<void> }[] = [];

  override async connect(): Promise<Awaited<ReturnType<PrismaPg['connect']>>> {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver();
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    this.connected.push(adapter);
    return adapter;
  }
}

/** A running schema engine and the way to shut it and its connections down. */
export interface SchemaEngineSession {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/**
 * The engine arms ~10 s timers (via setTimeout) that outlive every call and
 * would keep a CLI or test process alive after migrating: unref them.
 */
function withUnrefTimers(bg: Bindings): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bg };
  for (const [key, value] of Object.entries(bg)) {
    if (key.startsWith('__wbg_setTimeout_') && typeof value === 'function') {
      imports[key] = (...args: unknown[]) => {
        const timer = (value as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
  }
  return imports;
}

/** Starts a schema engine bound to `databaseUrl` (its schema included). */
export async function startSchemaEngine(
  databaseUrl: string,
  files: PrismaSchemaFile[],
): Promise<SchemaEngineSession> {
  const bg = await loadBindings();
  const target = parseDatabaseUrl(databaseUrl);
  const factory = new WholeScriptPrismaPg(
    { connectionString: target.connectionString, options: `-c search_path=${target.schema}` },
    { schema: target.schema },
  );
  const engine = await bg.SchemaEngine.new(
    { datamodels: files.map((file) => [file.path, file.content]) },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(factory.connected.map((adapter) => adapter.dispose()));
    },
  };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
