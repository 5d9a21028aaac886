-- One service's PostgreSQL role: it logs in, owns its own schema and reaches
-- nothing else. Run as a superuser (or the database owner), once per service:
--   psql "$ADMIN_URL" -v role=ledger -v schema=ledger -v database=dinner_rush \
--        -v password="$LEDGER_DB_PASSWORD" -f deploy/postgres/service-role.sql
-- `npm run db:roles` applies it for every service. Idempotent.

SELECT set_config('dinner_rush.role', :'role', false),
       set_config('dinner_rush.schema', :'schema', false);

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = current_setting('dinner_rush.role')) THEN
    EXECUTE format('CREATE ROLE %I', current_setting('dinner_rush.role'));
  END IF;
END $$;

ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION
  NOBYPASSRLS CONNECTION LIMIT -1 PASSWORD :'password';

-- Connect to this database only by grant, never through PUBLIC. CREATE on the
-- database is needed because a Prisma migration begins with
-- CREATE SCHEMA IF NOT EXISTS, which PostgreSQL checks before it notices the
-- schema exists; it lets the role add a schema, never enter another's.
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, CREATE ON DATABASE :"database" TO :"role";
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
ALTER SCHEMA :"schema" OWNER TO :"role";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;

-- Objects created before the role existed (a schema migrated by an admin)
-- become the role's, so its own migrations and queries can use them.
DO $$
DECLARE
  target text := current_setting('dinner_rush.schema');
  owner text := current_setting('dinner_rush.role');
  item record;
BEGIN
  FOR item IN
    SELECT c.oid::regclass AS name FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = target AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  LOOP
    EXECUTE format('ALTER TABLE %s OWNER TO %I', item.name, owner);
  END LOOP;
  FOR item IN
    SELECT c.oid::regclass AS name FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = target AND c.relkind = 'S'
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
  LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', item.name, owner);
  END LOOP;
  FOR item IN
    SELECT t.oid::regtype AS name FROM pg_type t
    JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = target AND t.typtype IN ('e', 'd', 'c')
      AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO %I', item.name, owner);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS name FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = target
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, owner);
  END LOOP;
END $$;
