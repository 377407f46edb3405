-- ===== full: Order "Line's =====
BEGIN;

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."Order ""Line's" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."order_id", p."line no", p."product", p."weird ""col"" [x] `y`", p."amount", p."is_gift", p."source_system", p."load_batch"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'Order "Line''s' AND h."scheme" = 'hash_record_extended/1' || '/columns:2cfe52284df41a5e');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'Order "Line''s';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('Order "Line''s', 'hash_record_extended/1' || '/columns:2cfe52284df41a5e', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."Order ""Line's" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."Order ""Line's" AS c
WHERE c."order_id" = p."order_id" AND c."line no" = p."line no" AND p."lf_is_current" = TRUE
  AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = FALSE) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> c."lf_row_hash")));

INSERT INTO "psg"."Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."order_id", p."line no", p."product", p."weird ""col"" [x] `y`", p."amount", p."is_gift", p."source_system", p."load_batch", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."Order ""Line's" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND EXISTS (SELECT 1 FROM "temp"."Order ""Line's" AS c WHERE c."order_id" = p."order_id" AND c."line no" = p."line no" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg"."Order ""Line's" AS n WHERE n."order_id" = p."order_id" AND n."line no" = p."line no" AND n."lf_is_current" = TRUE);

INSERT INTO "psg"."Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."order_id", c."line no", c."product", c."weird ""col"" [x] `y`", c."amount", c."is_gift", c."source_system", c."load_batch", c."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."Order ""Line's" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."Order ""Line's" AS p WHERE p."order_id" = c."order_id" AND p."line no" = c."line no" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'Order "Line''s';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('Order "Line''s', 1, 'order_id', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 2, 'line no', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 3, 'product', 'string(50)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 4, 'weird "col" [x] `y`', 'string', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 5, 'amount', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 6, 'is_gift', 'boolean', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 7, 'source_system', 'string(20)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 8, 'load_batch', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', -1, 'order_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', -2, 'line no', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== full: Order "Line's, no current version =====
BEGIN;

UPDATE "psg"."Order ""Line's" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."order_id", p."line no", p."product", p."weird ""col"" [x] `y`", p."amount", p."is_gift", p."source_system", p."load_batch"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'Order "Line''s' AND h."scheme" = 'hash_record_extended/1' || '/columns:2cfe52284df41a5e');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'Order "Line''s';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('Order "Line''s', 'hash_record_extended/1' || '/columns:2cfe52284df41a5e', TIMESTAMP '2026-06-30 01:02:03.456');

DROP INDEX IF EXISTS "psg"."Order ""Line's__lf_key";

INSERT INTO "psg"."Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."order_id", c."line no", c."product", c."weird ""col"" [x] `y`", c."amount", c."is_gift", c."source_system", c."load_batch", hash_record_extended(ROW(c."order_id", c."line no", c."product", c."weird ""col"" [x] `y`", c."amount", c."is_gift", c."source_system", c."load_batch"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."Order ""Line's" AS c;

CREATE INDEX IF NOT EXISTS "Order ""Line's__lf_key" ON "psg"."Order ""Line's" ("order_id", "line no", "lf_is_current");

ANALYZE "psg"."Order ""Line's" ("order_id", "line no", "lf_is_current");

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'Order "Line''s';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('Order "Line''s', 1, 'order_id', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 2, 'line no', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 3, 'product', 'string(50)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 4, 'weird "col" [x] `y`', 'string', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 5, 'amount', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 6, 'is_gift', 'boolean', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 7, 'source_system', 'string(20)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 8, 'load_batch', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', -1, 'order_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', -2, 'line no', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental: customer =====
BEGIN;

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."customer" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."customer_id", p."name", p."modified_at", p."row_version", p."balance"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'customer' AND h."scheme" = 'hash_record_extended/1' || '/columns:3bf1a90155cd6c1f');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'customer';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('customer', 'hash_record_extended/1' || '/columns:3bf1a90155cd6c1f', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."customer" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."customer" AS c
WHERE c."customer_id" = p."customer_id" AND p."lf_is_current" = TRUE
  AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> hash_record_extended(ROW(c."customer_id", c."name", c."modified_at", c."row_version", c."balance"), 0));

INSERT INTO "psg"."customer" ("customer_id", "name", "modified_at", "row_version", "balance", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."customer_id", c."name", c."modified_at", c."row_version", c."balance", hash_record_extended(ROW(c."customer_id", c."name", c."modified_at", c."row_version", c."balance"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."customer" AS c
WHERE NOT EXISTS (SELECT 1 FROM "psg"."customer" AS p WHERE p."customer_id" = c."customer_id" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'modified_at' AND EXISTS (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL);

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'modified_at', v."value", TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL) AS v;

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'modified_at', '2026-06-29T23:30:00.1234567Z', v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL) AS v
WHERE (v."value" IS NULL OR v."value" <> '2026-06-29T23:30:00.1234567Z');

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'row_version' AND EXISTS (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL);

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'row_version', v."value", TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL) AS v;

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'row_version', '9007199254740993', v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL) AS v
WHERE (v."value" IS NULL OR v."value" <> '9007199254740993');

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'customer';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('customer', 1, 'customer_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental, first run: customer =====
BEGIN;

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."customer" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."customer_id", p."name", p."modified_at", p."row_version", p."balance"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'customer' AND h."scheme" = 'hash_record_extended/1' || '/columns:3bf1a90155cd6c1f');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'customer';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('customer', 'hash_record_extended/1' || '/columns:3bf1a90155cd6c1f', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."customer" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."customer" AS c
WHERE c."customer_id" = p."customer_id" AND p."lf_is_current" = TRUE
  AND (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> c."lf_row_hash"));

INSERT INTO "psg"."customer" ("customer_id", "name", "modified_at", "row_version", "balance", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."customer_id", c."name", c."modified_at", c."row_version", c."balance", c."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."customer" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."customer" AS p WHERE p."customer_id" = c."customer_id" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'modified_at' AND EXISTS (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL);

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'modified_at', v."value", TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL) AS v;

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'modified_at', NULL, v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL) AS v
WHERE v."value" IS NOT NULL;

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'row_version' AND EXISTS (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL);

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'row_version', v."value", TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL) AS v;

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'row_version', NULL, v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL) AS v
WHERE v."value" IS NOT NULL;

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'customer';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('customer', 1, 'customer_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental, first run: customer, no current version =====
BEGIN;

UPDATE "psg"."customer" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."customer_id", p."name", p."modified_at", p."row_version", p."balance"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'customer' AND h."scheme" = 'hash_record_extended/1' || '/columns:3bf1a90155cd6c1f');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'customer';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('customer', 'hash_record_extended/1' || '/columns:3bf1a90155cd6c1f', TIMESTAMP '2026-06-30 01:02:03.456');

DROP INDEX IF EXISTS "psg"."customer__lf_key";

INSERT INTO "psg"."customer" ("customer_id", "name", "modified_at", "row_version", "balance", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."customer_id", c."name", c."modified_at", c."row_version", c."balance", hash_record_extended(ROW(c."customer_id", c."name", c."modified_at", c."row_version", c."balance"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."customer" AS c;

CREATE INDEX IF NOT EXISTS "customer__lf_key" ON "psg"."customer" ("customer_id", "lf_is_current");

ANALYZE "psg"."customer" ("customer_id", "lf_is_current");

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'modified_at' AND EXISTS (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL);

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'modified_at', v."value", TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL) AS v;

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'modified_at', NULL, v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("modified_at") IS NOT NULL) AS v
WHERE v."value" IS NOT NULL;

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'row_version' AND EXISTS (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL);

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'row_version', v."value", TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL) AS v;

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'row_version', NULL, v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg"."customer" HAVING MAX("row_version") IS NOT NULL) AS v
WHERE v."value" IS NOT NULL;

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'customer';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('customer', 1, 'customer_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (date): shipment =====
BEGIN;

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."shipment" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."shipment_id", p."ship_date", p."carrier"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'shipment' AND h."scheme" = 'hash_record_extended/1' || '/columns:8ed9220a9696d520');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'shipment';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('shipment', 'hash_record_extended/1' || '/columns:8ed9220a9696d520', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."shipment" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."shipment" AS c
WHERE c."shipment_id" = p."shipment_id" AND p."lf_is_current" = TRUE
  AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = FALSE) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> c."lf_row_hash")));

INSERT INTO "psg"."shipment" ("shipment_id", "ship_date", "carrier", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."shipment_id", p."ship_date", p."carrier", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."shipment" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND EXISTS (SELECT 1 FROM "temp"."shipment" AS c WHERE c."shipment_id" = p."shipment_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg"."shipment" AS n WHERE n."shipment_id" = p."shipment_id" AND n."lf_is_current" = TRUE);

INSERT INTO "psg"."shipment" ("shipment_id", "ship_date", "carrier", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."shipment_id", c."ship_date", c."carrier", c."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."shipment" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."shipment" AS p WHERE p."shipment_id" = c."shipment_id" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'shipment';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('shipment', 1, 'shipment_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', 2, 'ship_date', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', 3, 'carrier', 'string(30)', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', -1, 'shipment_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (date): shipment, no current version =====
BEGIN;

UPDATE "psg"."shipment" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."shipment_id", p."ship_date", p."carrier"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'shipment' AND h."scheme" = 'hash_record_extended/1' || '/columns:8ed9220a9696d520');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'shipment';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('shipment', 'hash_record_extended/1' || '/columns:8ed9220a9696d520', TIMESTAMP '2026-06-30 01:02:03.456');

DROP INDEX IF EXISTS "psg"."shipment__lf_key";

INSERT INTO "psg"."shipment" ("shipment_id", "ship_date", "carrier", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."shipment_id", c."ship_date", c."carrier", hash_record_extended(ROW(c."shipment_id", c."ship_date", c."carrier"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."shipment" AS c;

CREATE INDEX IF NOT EXISTS "shipment__lf_key" ON "psg"."shipment" ("shipment_id", "lf_is_current");

ANALYZE "psg"."shipment" ("shipment_id", "lf_is_current");

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'shipment';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('shipment', 1, 'shipment_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', 2, 'ship_date', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', 3, 'carrier', 'string(30)', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', -1, 'shipment_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (datetime): event =====
BEGIN;

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."event" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."event_id", p."event_time", p."recorded_at", p."start", p."score", p."ratio", p."kind", p."raw"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'event' AND h."scheme" = 'hash_record_extended/1' || '/columns:6ab89cbbc9bafbdd');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'event';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('event', 'hash_record_extended/1' || '/columns:6ab89cbbc9bafbdd', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."event" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."event" AS c
WHERE c."event_id" = p."event_id" AND p."lf_is_current" = TRUE
  AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = FALSE) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> c."lf_row_hash")));

INSERT INTO "psg"."event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."event_id", p."event_time", p."recorded_at", p."start", p."score", p."ratio", p."kind", p."raw", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."event" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND EXISTS (SELECT 1 FROM "temp"."event" AS c WHERE c."event_id" = p."event_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg"."event" AS n WHERE n."event_id" = p."event_id" AND n."lf_is_current" = TRUE);

INSERT INTO "psg"."event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."event_id", c."event_time", c."recorded_at", c."start", c."score", c."ratio", c."kind", c."raw", c."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."event" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."event" AS p WHERE p."event_id" = c."event_id" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'event';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('event', 1, 'event_id', 'uuid', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 2, 'event_time', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 3, 'recorded_at', 'datetimeoffset', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 4, 'start', 'time', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 5, 'score', 'double', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 6, 'ratio', 'float', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 7, 'kind', 'smallint', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 8, 'raw', 'binary(16)', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', -1, 'event_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (datetime): event, no current version =====
BEGIN;

UPDATE "psg"."event" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."event_id", p."event_time", p."recorded_at", p."start", p."score", p."ratio", p."kind", p."raw"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'event' AND h."scheme" = 'hash_record_extended/1' || '/columns:6ab89cbbc9bafbdd');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'event';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('event', 'hash_record_extended/1' || '/columns:6ab89cbbc9bafbdd', TIMESTAMP '2026-06-30 01:02:03.456');

DROP INDEX IF EXISTS "psg"."event__lf_key";

INSERT INTO "psg"."event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."event_id", c."event_time", c."recorded_at", c."start", c."score", c."ratio", c."kind", c."raw", hash_record_extended(ROW(c."event_id", c."event_time", c."recorded_at", c."start", c."score", c."ratio", c."kind", c."raw"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."event" AS c;

CREATE INDEX IF NOT EXISTS "event__lf_key" ON "psg"."event" ("event_id", "lf_is_current");

ANALYZE "psg"."event" ("event_id", "lf_is_current");

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'event';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('event', 1, 'event_id', 'uuid', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 2, 'event_time', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 3, 'recorded_at', 'datetimeoffset', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 4, 'start', 'time', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 5, 'score', 'double', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 6, 'ratio', 'float', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 7, 'kind', 'smallint', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 8, 'raw', 'binary(16)', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', -1, 'event_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking: account =====
BEGIN;

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."account" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."account_id", p."account_name", p."balance", p."opened_on"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'account' AND h."scheme" = 'hash_record_extended/1' || '/columns:73c0c640d35e67ce');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'account';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('account', 'hash_record_extended/1' || '/columns:73c0c640d35e67ce', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."account" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."account" AS c
WHERE c."account_id" = p."account_id" AND p."lf_is_current" = TRUE
  AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = FALSE) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> hash_record_extended(ROW(c."account_id", c."account_name", c."balance", c."opened_on"), 0))));

INSERT INTO "psg"."account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."account_id", p."account_name", p."balance", p."opened_on", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."account" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND EXISTS (SELECT 1 FROM "temp"."account" AS c WHERE c."account_id" = p."account_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg"."account" AS n WHERE n."account_id" = p."account_id" AND n."lf_is_current" = TRUE);

INSERT INTO "psg"."account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."account_id", c."account_name", c."balance", c."opened_on", hash_record_extended(ROW(c."account_id", c."account_name", c."balance", c."opened_on"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."account" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."account" AS p WHERE p."account_id" = c."account_id" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'account' AND "parameter" = 'change_tracking_version';

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('account', 'change_tracking_version', '250', TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'account', 'change_tracking_version', '100', v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS "value") AS v
WHERE (v."value" IS NULL OR v."value" <> '100');

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'account';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('account', 1, 'account_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking, expired version: account =====
BEGIN;

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."account" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."account_id", p."account_name", p."balance", p."opened_on"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'account' AND h."scheme" = 'hash_record_extended/1' || '/columns:73c0c640d35e67ce');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'account';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('account', 'hash_record_extended/1' || '/columns:73c0c640d35e67ce', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."account" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."account" AS c
WHERE c."account_id" = p."account_id" AND p."lf_is_current" = TRUE
  AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = FALSE) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> c."lf_row_hash")));

INSERT INTO "psg"."account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."account_id", p."account_name", p."balance", p."opened_on", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."account" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND EXISTS (SELECT 1 FROM "temp"."account" AS c WHERE c."account_id" = p."account_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg"."account" AS n WHERE n."account_id" = p."account_id" AND n."lf_is_current" = TRUE);

INSERT INTO "psg"."account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."account_id", c."account_name", c."balance", c."opened_on", c."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."account" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."account" AS p WHERE p."account_id" = c."account_id" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'account' AND "parameter" = 'change_tracking_version';

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('account', 'change_tracking_version', '250', TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'account', 'change_tracking_version', '10', v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS "value") AS v
WHERE (v."value" IS NULL OR v."value" <> '10');

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'account';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('account', 1, 'account_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking, expired version: account, no current version =====
BEGIN;

UPDATE "psg"."account" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."account_id", p."account_name", p."balance", p."opened_on"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'account' AND h."scheme" = 'hash_record_extended/1' || '/columns:73c0c640d35e67ce');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'account';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('account', 'hash_record_extended/1' || '/columns:73c0c640d35e67ce', TIMESTAMP '2026-06-30 01:02:03.456');

DROP INDEX IF EXISTS "psg"."account__lf_key";

INSERT INTO "psg"."account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."account_id", c."account_name", c."balance", c."opened_on", hash_record_extended(ROW(c."account_id", c."account_name", c."balance", c."opened_on"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."account" AS c;

CREATE INDEX IF NOT EXISTS "account__lf_key" ON "psg"."account" ("account_id", "lf_is_current");

ANALYZE "psg"."account" ("account_id", "lf_is_current");

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'account' AND "parameter" = 'change_tracking_version';

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('account', 'change_tracking_version', '250', TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'account', 'change_tracking_version', '10', v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS "value") AS v
WHERE (v."value" IS NULL OR v."value" <> '10');

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'account';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('account', 1, 'account_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== multiWildCardFile: payroll =====
BEGIN;

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."payroll" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."employee_id", p."period", p."gross"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'payroll' AND h."scheme" = 'hash_record_extended/1' || '/columns:2b9710dd07d30c0b');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'payroll';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('payroll', 'hash_record_extended/1' || '/columns:2b9710dd07d30c0b', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."payroll" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."payroll" AS c
WHERE c."employee_id" = p."employee_id" AND c."period" = p."period" AND p."lf_is_current" = TRUE
  AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> hash_record_extended(ROW(c."employee_id", c."period", c."gross"), 0));

INSERT INTO "psg"."payroll" ("employee_id", "period", "gross", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."employee_id", c."period", c."gross", hash_record_extended(ROW(c."employee_id", c."period", c."gross"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."payroll" AS c
WHERE NOT EXISTS (SELECT 1 FROM "psg"."payroll" AS p WHERE p."employee_id" = c."employee_id" AND p."period" = c."period" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'payroll';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('payroll', 1, 'employee_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('payroll', 2, 'period', 'string(7)', TIMESTAMP '2026-06-30 01:02:03.456'),
('payroll', 3, 'gross', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('payroll', -1, 'employee_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456'),
('payroll', -2, 'period', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;
