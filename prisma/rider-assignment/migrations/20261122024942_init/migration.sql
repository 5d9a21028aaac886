-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "rider_assignment";

-- CreateEnum
CREATE TYPE "rider_status" AS ENUM ('available', 'busy');

-- CreateEnum
CREATE TYPE "assignment_status" AS ENUM ('waiting', 'assigned', 'delivered', 'cancelled');

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "message_id" UUID NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "exchange" TEXT NOT NULL,
    "routing_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimed_until" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbox" (
    "message_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbox_pkey" PRIMARY KEY ("message_id")
);

-- CreateTable
CREATE TABLE "riders" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "status" "rider_status" NOT NULL DEFAULT 'available',
    "current_order_id" UUID,

    CONSTRAINT "riders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "order_id" UUID NOT NULL,
    "correlation_id" UUID NOT NULL,
    "status" "assignment_status" NOT NULL,
    "rider_id" TEXT,
    "merchant_lat" DOUBLE PRECISION,
    "merchant_lng" DOUBLE PRECISION,
    "distance_km" DOUBLE PRECISION,
    "requested_at" TIMESTAMPTZ(3),
    "assigned_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_message_id_key" ON "outbox"("message_id");

-- CreateIndex
CREATE INDEX "outbox_sent_at_id_idx" ON "outbox"("sent_at", "id");

-- CreateIndex
CREATE INDEX "outbox_aggregate_id_id_idx" ON "outbox"("aggregate_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "riders_current_order_id_key" ON "riders"("current_order_id");

-- CreateIndex
CREATE INDEX "riders_status_idx" ON "riders"("status");

-- CreateIndex
CREATE INDEX "assignments_status_requested_at_idx" ON "assignments"("status", "requested_at");

-- CreateIndex
CREATE INDEX "assignments_rider_id_idx" ON "assignments"("rider_id");


-- Wake the outbox relay when a transaction that added outbox rows commits
-- (it LISTENs on "<schema>_outbox"). Statement-level: one notify per INSERT.
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
  RETURN NULL;
END $$;

CREATE TRIGGER outbox_notify AFTER INSERT ON "outbox" FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
