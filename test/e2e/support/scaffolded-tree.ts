import { cpSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '@dinner-rush/testing';
import { Bin, ScratchTree, type CommandResult } from '../../scaffold/support/scratch-tree';
import { BUILT_CLI } from '../../scaffold/support/run-tool';

/** A scratch copy of the repository with one consumer scaffolded into it, built with the dashboard. */
export interface ScaffoldedTree {
  tree: ScratchTree;
  /** For ServiceProcess, whose name is a path under <repo>/dist/apps: each reaches the scratch build. */
  consumerApp: string;
  dashboardApp: string;
  prismaDir: string;
}

/**
 * `npm run new:consumer <name>` in a scratch tree (the real tree is never
 * touched), then the new consumer and the dashboard built there: the
 * dashboard is the repository's own, unchanged, compiled against the
 * contracts the scaffold extended, as `npm start` would after a scaffold.
 */
export async function scaffoldBesideDashboard(name: string): Promise<ScaffoldedTree> {
  const tree = ScratchTree.create();
  try {
    cpSync(join(REPO_ROOT, 'apps/dashboard'), join(tree.root, 'apps/dashboard'), {
      recursive: true,
    });
    succeeded(await tree.node(BUILT_CLI, ['new:consumer', name, '--root', tree.root]));
    const engine = { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath };
    succeeded(await tree.node(Bin.prisma, ['generate', '--schema', `prisma/${name}`], engine));
    succeeded(
      await tree.node(Bin.swc, [`apps/${name}`, 'apps/dashboard', 'libs', '-d', 'dist', '--quiet']),
    );
    const app = (dir: string) =>
      relative(join(REPO_ROOT, 'dist/apps'), join(tree.root, 'dist/apps', dir));
    return {
      tree,
      consumerApp: app(name),
      dashboardApp: app('dashboard'),
      prismaDir: join(tree.root, 'prisma'),
    };
  } catch (error) {
    tree.remove();
    throw error;
  }
}

function succeeded(result: CommandResult): void {
  if (result.code !== 0) throw new Error(`exit ${result.code}:\n${result.output}`);
}
