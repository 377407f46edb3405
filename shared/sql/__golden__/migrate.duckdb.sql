-- ===== Order "Line's =====
ALTER TABLE "psg"."Order ""Line's" RENAME COLUMN "item" TO "product";

ALTER TABLE "psg"."Order ""Line's" ALTER COLUMN "lf_row_hash" TYPE UBIGINT USING COALESCE(TRY_CAST("lf_row_hash" AS UBIGINT), 0);

ALTER TABLE "psg"."Order ""Line's" ALTER COLUMN "amount" TYPE DECIMAL(18,2);

ALTER TABLE "psg"."Order ""Line's" ADD COLUMN "load_batch" BIGINT DEFAULT 0;

ALTER TABLE "psg"."Order ""Line's" ALTER COLUMN "legacy" DROP NOT NULL;
