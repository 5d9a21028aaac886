-- CreateIndex
CREATE INDEX "inbox_processed_at_idx" ON "inbox" USING BRIN ("processed_at");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys" USING BRIN ("created_at");
