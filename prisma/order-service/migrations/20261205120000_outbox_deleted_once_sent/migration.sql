-- The relay now moves a row to outbox_archive once the broker confirmed it (OutboxRelay):
-- the outbox holds only what is in flight, the archive what POST /replays sends.

-- CreateTable
CREATE TABLE "outbox_archive" (
    "id" BIGINT NOT NULL,
    "message_id" UUID NOT NULL,
    "exchange" TEXT NOT NULL,
    "routing_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbox_archive_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_archive_created_at_idx" ON "outbox_archive"("created_at");

-- Rows an older relay marked sent move to the archive (none is published again).
INSERT INTO "outbox_archive" ("id", "message_id", "exchange", "routing_key", "payload", "created_at")
SELECT "id", "message_id", "exchange", "routing_key", "payload", "created_at" FROM "outbox"
 WHERE "sent_at" IS NOT NULL;
DELETE FROM "outbox" WHERE "sent_at" IS NOT NULL;

-- DropIndex
DROP INDEX "outbox_message_id_key";

-- DropIndex
DROP INDEX "outbox_sent_at_id_idx";

-- AlterTable
ALTER TABLE "outbox" DROP COLUMN "sent_at";
