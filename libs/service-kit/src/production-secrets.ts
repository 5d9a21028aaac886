/** The connection settings that carry credentials. */
const SECRET_URLS = ['DATABASE_URL', 'RABBITMQ_URL'] as const;

/** Credentials that ship with the software or its examples: never acceptable in production. */
const WELL_KNOWN = new Set(['guest', 'change-me', 'changeme', 'postgres', 'password', 'root', '']);

/**
 * In production (NODE_ENV=production) secrets come from the environment only:
 * each credentialed URL the service reads must be set explicitly (a default
 * pointing at a local server is a development convenience) and carry a real
 * password, not a default such as RabbitMQ's guest/guest. Returns one problem
 * per variable, naming it but never its value.
 */
export function productionSecretProblems(
  env: NodeJS.ProcessEnv,
  variables: readonly string[] = SECRET_URLS,
): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  for (const name of variables) {
    const value = env[name];
    if (!value) {
      problems.push(`${name}: must be set explicitly in production`);
      continue;
    }
    // RABBITMQ_URL may list a cluster's nodes: each must carry real credentials.
    const urls = name === 'RABBITMQ_URL' ? value.split(',').map((url) => url.trim()) : [value];
    const credentials = urls.map(credentialsOf);
    if (!credentials.every((c) => c !== undefined)) problems.push(`${name}: not a URL`);
    else if (credentials.some((c) => WELL_KNOWN.has(c.password) || c.user === 'guest'))
      problems.push(`${name}: default or missing credentials are refused in production`);
  }
  return problems;
}

function credentialsOf(value: string): { user: string; password: string } | undefined {
  try {
    const url = new URL(value);
    return {
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
  } catch {
    return undefined;
  }
}
