// __name__: what it did with each order event.

generator client {
  provider            = "prisma-client"
  output              = "../../apps/__name__/src/generated/prisma"
  moduleFormat        = "cjs"
  runtime             = "nodejs"
  importFileExtension = ""
}

datasource db {
  provider = "postgresql"
}

/// One row per order event applied (the scaffold's effect: replace it with the service's own).
model OrderRecord {
  /// The order event (envelope messageId) this row records.
  messageId  String   @id @map("message_id") @db.Uuid
  orderId    String   @map("order_id") @db.Uuid
  /// The event type, e.g. 'order.created.v1'.
  type       String
  occurredAt DateTime @map("occurred_at") @db.Timestamptz(3)
  recordedAt DateTime @default(now()) @map("recorded_at") @db.Timestamptz(3)

  @@index([orderId])
  @@map("order_records")
}
