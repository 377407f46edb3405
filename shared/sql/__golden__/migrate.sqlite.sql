-- ===== Order "Line's =====
ALTER TABLE "psg__Order ""Line's" RENAME COLUMN "item" TO "product";

ALTER TABLE "psg__Order ""Line's" ADD COLUMN "load_batch" INTEGER DEFAULT 0;
-- cannot: column "amount" cannot be widened in place on this warehouse: create the entity's persistent staging again
-- cannot: column "legacy" cannot be changed in place on this warehouse: create the entity's persistent staging again
