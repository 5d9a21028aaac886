-- The relay is now woken in-process after each commit (libs/messaging outbox-signal.ts).
-- A NOTIFY per commit made PostgreSQL serialise every committing transaction on one
-- database-wide lock held through its WAL flush (pgbench, 32 clients, order + outbox row:
-- 3,900 tx/s without the trigger, 1,840 with it).
DROP TRIGGER IF EXISTS outbox_notify ON "outbox";
DROP FUNCTION IF EXISTS outbox_notify();
