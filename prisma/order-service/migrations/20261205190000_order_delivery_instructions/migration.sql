-- AlterTable
-- POST /orders deliveryInstructions (order.created.v2): nullable, so existing orders and
-- an old order-service (which never writes it) keep working during a rolling upgrade.
ALTER TABLE "orders" ADD COLUMN     "delivery_instructions" TEXT;
