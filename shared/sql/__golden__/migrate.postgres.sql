-- ===== Order "Line's =====
ALTER TABLE "psg"."Order ""Line's" RENAME COLUMN "item" TO "product";

ALTER TABLE "psg"."Order ""Line's" ALTER COLUMN "lf_row_hash" TYPE BIGINT USING CASE WHEN btrim("lf_row_hash") ~ '^-?[0-9]{1,19}$' THEN CAST(btrim("lf_row_hash") AS BIGINT) ELSE 0 END;

ALTER TABLE "psg"."Order ""Line's" ALTER COLUMN "amount" TYPE NUMERIC(18,2);

ALTER TABLE "psg"."Order ""Line's" ADD COLUMN "load_batch" BIGINT DEFAULT 0;

ALTER TABLE "psg"."Order ""Line's" ALTER COLUMN "legacy" DROP NOT NULL;
