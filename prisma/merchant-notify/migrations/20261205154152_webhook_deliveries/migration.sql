-- Webhooks registered before this migration were never checked against inward
-- (loopback, private, metadata) addresses and have no signing secret: they are
-- dropped, so those merchants' notifications wait in the inbox until they
-- register again (and receive a secret).
DELETE FROM "merchant_webhooks";

-- AlterTable
ALTER TABLE "merchant_webhooks" ADD COLUMN     "signing_secret" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "failure" TEXT;

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "notification_id" UUID NOT NULL,
    "merchant_id" TEXT NOT NULL,
    "correlation_id" UUID NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leased_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_notification_id_key" ON "webhook_deliveries"("notification_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_merchant_id_id_idx" ON "webhook_deliveries"("merchant_id", "id");

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
