import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeIdentifier, escapeLiteral } from 'pg';

/** The SQL that gives one service its role (deploy/postgres/service-role.sql). */
export const SERVICE_ROLE_SQL = join(process.cwd(), 'deploy/postgres/service-role.sql');

export interface ServiceRole {
  role: string;
  schema: string;
  database: string;
  password: string;
}

/** A service's role name: its name as an SQL identifier (`order-service` → `order_service`). */
export function roleName(service: string, prefix = ''): string {
  return `${prefix}${service.replace(/-/g, '_')}`;
}

/**
 * The psql script with its variables filled in the way psql would (`:"x"` an
 * identifier, `:'x'` a literal), so the committed file is the one source for
 * both psql and `npm run db:roles`. Dollar-quoted blocks read their values
 * through set_config, never by substitution.
 */
export function serviceRoleSql(
  values: ServiceRole,
  template = readFileSync(SERVICE_ROLE_SQL, 'utf8'),
): string {
  return template.replace(/:(["'])([a-z_]+)\1/g, (match, quote: string, name: string) => {
    const value = values[name as keyof ServiceRole];
    if (value === undefined) throw new Error(`service-role.sql uses unknown variable ${match}`);
    return quote === '"' ? escapeIdentifier(value) : escapeLiteral(value);
  });
}
