/** Where each service's secret comes from: `<SERVICE>_RABBITMQ_PASSWORD`, `<SERVICE>_DB_PASSWORD`. */
export function passwordVariable(service: string, kind: 'RABBITMQ' | 'DB'): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_${kind}_PASSWORD`;
}

/** Reads each named variable; fails naming every one that is missing (never printing values). */
export function requireEnv(names: readonly string[], env = process.env): Record<string, string> {
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`set ${missing.join(', ')} (see .env.example)`);
  return Object.fromEntries(names.map((name) => [name, env[name] ?? '']));
}
