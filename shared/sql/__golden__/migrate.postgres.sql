-- ===== Order "Line's =====
ALTER TABLE "psg"."Order ""Line's" RENAME COLUMN "item" TO "product";

ALTER TABLE "psg"."Order ""Line's" ALTER COLUMN "amount" TYPE NUMERIC(18,2);

ALTER TABLE "psg"."Order ""Line's" ADD COLUMN "load_batch" BIGINT DEFAULT 0;

ALTER TABLE "psg"."Order ""Line's" ALTER COLUMN "legacy" DROP NOT NULL;
