-- CreateIndex
CREATE INDEX "inbox_processed_at_idx" ON "inbox" USING BRIN ("processed_at");
