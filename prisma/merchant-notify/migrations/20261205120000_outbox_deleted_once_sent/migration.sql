-- The relay now deletes a row once the broker confirmed it (OutboxRelay). Rows an older
-- relay marked sent are gone for good, so the column goes without republishing them.
DELETE FROM "outbox" WHERE "sent_at" IS NOT NULL;

-- DropIndex
DROP INDEX "outbox_message_id_key";

-- DropIndex
DROP INDEX "outbox_sent_at_id_idx";

-- AlterTable
ALTER TABLE "outbox" DROP COLUMN "sent_at";
