import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

export type UntouchedCheck =
  | { status: 'untouched'; commit: string; files: string[] }
  | { status: 'touched'; commit: string; files: string[]; violations: string[] }
  | { status: 'not-committed' | 'shallow-clone'; detail: string };

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

/**
 * Did the commit that added `apps/<service>` change anything under `forbidden`?
 * The commit is found from history alone (the oldest one that added a file
 * under apps/<service>), so this works on any full clone; a shallow clone that
 * lacks it is reported as such rather than passed.
 */
export function checkUntouched(cwd: string, service: string, forbidden: string): UntouchedCheck {
  const adding = git(cwd, ['log', '--diff-filter=A', '--format=%H', '--', `apps/${service}`])
    .split('\n')
    .filter(Boolean);
  const commit = adding[adding.length - 1];
  if (!commit) {
    if (git(cwd, ['rev-parse', '--is-shallow-repository']) === 'true') {
      return {
        status: 'shallow-clone',
        detail: `apps/${service} is not in this shallow history: git fetch --unshallow`,
      };
    }
    return { status: 'not-committed', detail: `no commit adds apps/${service} yet` };
  }
  const files = git(cwd, ['diff-tree', '--root', '--no-commit-id', '--name-only', '-r', commit])
    .split('\n')
    .filter(Boolean);
  const prefix = forbidden.endsWith('/') ? forbidden : `${forbidden}/`;
  const violations = files.filter((file) => file.startsWith(prefix));
  return violations.length === 0
    ? { status: 'untouched', commit, files }
    : { status: 'touched', commit, files, violations };
}

/**
 * node dist/tools/check-untouched.js [--service customer-notify] [--forbidden apps/order-service]
 * Exit 0: the service was added without touching the forbidden folder; 1: it
 * touched it (files listed); 2: cannot tell (not committed, or shallow clone).
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      service: { type: 'string', default: 'customer-notify' },
      forbidden: { type: 'string', default: 'apps/order-service' },
    },
  });
  const result = checkUntouched(process.cwd(), values.service, values.forbidden);
  switch (result.status) {
    case 'untouched':
      console.log(
        `${values.service} was added in ${result.commit.slice(0, 12)} (${result.files.length} files), none under ${values.forbidden}/`,
      );
      return;
    case 'touched':
      console.error(
        `${values.service} was added in ${result.commit.slice(0, 12)} together with changes under ${values.forbidden}/:\n  ${result.violations.join('\n  ')}`,
      );
      process.exit(1);
      break;
    default:
      console.error(`cannot check: ${result.detail}`);
      process.exit(2);
  }
}

if (require.main === module) main();
