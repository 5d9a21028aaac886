// `prisma generate` for every service schema folder under prisma/ (all but shared/).
// The CLI wants to download a native schema engine it does not need for
// generating; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips it.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
};
const services = readdirSync('prisma', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);
for (const service of services) {
  execFileSync('npx', ['prisma', 'generate', '--schema', `prisma/${service}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
}
console.log(`prisma clients generated: ${services.join(', ')}`);
