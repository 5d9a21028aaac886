-- CreateIndex
CREATE INDEX "inbox_processed_at_idx" ON "inbox" USING BRIN ("processed_at");

-- CreateIndex
CREATE INDEX "notifications_created_at_idx" ON "notifications" USING BRIN ("created_at");
