-- CreateTable
CREATE TABLE "ledger_totals" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "debit_cents" BIGINT NOT NULL DEFAULT 0,
    "credit_cents" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ledger_totals_pkey" PRIMARY KEY ("id")
);

-- The one row, starting from what is already posted.
INSERT INTO "ledger_totals" ("id", "debit_cents", "credit_cents")
SELECT 1, coalesce(sum("debit_cents"), 0), coalesce(sum("credit_cents"), 0) FROM "journal_entries";
