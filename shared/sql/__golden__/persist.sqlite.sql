-- ===== full: Order "Line's =====
BEGIN;

UPDATE "psg__Order ""Line's" AS p
SET "lf_row_hash" = CASE WHEN p."order_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."order_id" AS TEXT)) AS TEXT) || ':' || CAST(p."order_id" AS TEXT) END || CASE WHEN p."line no" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."line no" AS TEXT)) AS TEXT) || ':' || CAST(p."line no" AS TEXT) END || CASE WHEN p."product" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."product" AS TEXT)) AS TEXT) || ':' || CAST(p."product" AS TEXT) END || CASE WHEN p."weird ""col"" [x] `y`" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."weird ""col"" [x] `y`" AS TEXT)) AS TEXT) || ':' || CAST(p."weird ""col"" [x] `y`" AS TEXT) END || CASE WHEN p."amount" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."amount" AS TEXT)) AS TEXT) || ':' || CAST(p."amount" AS TEXT) END || CASE WHEN p."is_gift" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."is_gift" AS TEXT)) AS TEXT) || ':' || CAST(p."is_gift" AS TEXT) END || CASE WHEN p."source_system" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."source_system" AS TEXT)) AS TEXT) || ':' || CAST(p."source_system" AS TEXT) END || CASE WHEN p."load_batch" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."load_batch" AS TEXT)) AS TEXT) || ':' || CAST(p."load_batch" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'Order "Line''s' AND h."scheme" = 'text/1' || '/columns:2cfe52284df41a5e');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'Order "Line''s';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('Order "Line''s', 'text/1' || '/columns:2cfe52284df41a5e', '2026-06-30 01:02:03.456');

UPDATE "psg__Order ""Line's" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__Order ""Line's" AS c WHERE c."order_id" = p."order_id" AND c."line no" = p."line no"
    AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = 0) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> c."lf_row_hash"))));

INSERT INTO "psg__Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."order_id", p."line no", p."product", p."weird ""col"" [x] `y`", p."amount", p."is_gift", p."source_system", p."load_batch", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__Order ""Line's" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND EXISTS (SELECT 1 FROM "temp__Order ""Line's" AS c WHERE c."order_id" = p."order_id" AND c."line no" = p."line no" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg__Order ""Line's" AS n WHERE n."order_id" = p."order_id" AND n."line no" = p."line no" AND n."lf_is_current" = 1);

INSERT INTO "psg__Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."order_id", c."line no", c."product", c."weird ""col"" [x] `y`", c."amount", c."is_gift", c."source_system", c."load_batch", c."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__Order ""Line's" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__Order ""Line's" AS p WHERE p."order_id" = c."order_id" AND p."line no" = c."line no" AND p."lf_is_current" = 1);

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'Order "Line''s';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('Order "Line''s', 1, 'order_id', 'bigint', '2026-06-30 01:02:03.456'),
('Order "Line''s', 2, 'line no', 'int', '2026-06-30 01:02:03.456'),
('Order "Line''s', 3, 'product', 'string(50)', '2026-06-30 01:02:03.456'),
('Order "Line''s', 4, 'weird "col" [x] `y`', 'string', '2026-06-30 01:02:03.456'),
('Order "Line''s', 5, 'amount', 'decimal(18,2)', '2026-06-30 01:02:03.456'),
('Order "Line''s', 6, 'is_gift', 'boolean', '2026-06-30 01:02:03.456'),
('Order "Line''s', 7, 'source_system', 'string(20)', '2026-06-30 01:02:03.456'),
('Order "Line''s', 8, 'load_batch', 'bigint', '2026-06-30 01:02:03.456'),
('Order "Line''s', -1, 'order_id', 'business key', '2026-06-30 01:02:03.456'),
('Order "Line''s', -2, 'line no', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== full: Order "Line's, no current version =====
BEGIN;

UPDATE "psg__Order ""Line's" AS p
SET "lf_row_hash" = CASE WHEN p."order_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."order_id" AS TEXT)) AS TEXT) || ':' || CAST(p."order_id" AS TEXT) END || CASE WHEN p."line no" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."line no" AS TEXT)) AS TEXT) || ':' || CAST(p."line no" AS TEXT) END || CASE WHEN p."product" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."product" AS TEXT)) AS TEXT) || ':' || CAST(p."product" AS TEXT) END || CASE WHEN p."weird ""col"" [x] `y`" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."weird ""col"" [x] `y`" AS TEXT)) AS TEXT) || ':' || CAST(p."weird ""col"" [x] `y`" AS TEXT) END || CASE WHEN p."amount" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."amount" AS TEXT)) AS TEXT) || ':' || CAST(p."amount" AS TEXT) END || CASE WHEN p."is_gift" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."is_gift" AS TEXT)) AS TEXT) || ':' || CAST(p."is_gift" AS TEXT) END || CASE WHEN p."source_system" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."source_system" AS TEXT)) AS TEXT) || ':' || CAST(p."source_system" AS TEXT) END || CASE WHEN p."load_batch" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."load_batch" AS TEXT)) AS TEXT) || ':' || CAST(p."load_batch" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'Order "Line''s' AND h."scheme" = 'text/1' || '/columns:2cfe52284df41a5e');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'Order "Line''s';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('Order "Line''s', 'text/1' || '/columns:2cfe52284df41a5e', '2026-06-30 01:02:03.456');

INSERT INTO "psg__Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."order_id", c."line no", c."product", c."weird ""col"" [x] `y`", c."amount", c."is_gift", c."source_system", c."load_batch", CASE WHEN c."order_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."order_id" AS TEXT)) AS TEXT) || ':' || CAST(c."order_id" AS TEXT) END || CASE WHEN c."line no" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."line no" AS TEXT)) AS TEXT) || ':' || CAST(c."line no" AS TEXT) END || CASE WHEN c."product" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."product" AS TEXT)) AS TEXT) || ':' || CAST(c."product" AS TEXT) END || CASE WHEN c."weird ""col"" [x] `y`" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."weird ""col"" [x] `y`" AS TEXT)) AS TEXT) || ':' || CAST(c."weird ""col"" [x] `y`" AS TEXT) END || CASE WHEN c."amount" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."amount" AS TEXT)) AS TEXT) || ':' || CAST(c."amount" AS TEXT) END || CASE WHEN c."is_gift" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."is_gift" AS TEXT)) AS TEXT) || ':' || CAST(c."is_gift" AS TEXT) END || CASE WHEN c."source_system" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."source_system" AS TEXT)) AS TEXT) || ':' || CAST(c."source_system" AS TEXT) END || CASE WHEN c."load_batch" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."load_batch" AS TEXT)) AS TEXT) || ':' || CAST(c."load_batch" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__Order ""Line's" AS c;

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'Order "Line''s';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('Order "Line''s', 1, 'order_id', 'bigint', '2026-06-30 01:02:03.456'),
('Order "Line''s', 2, 'line no', 'int', '2026-06-30 01:02:03.456'),
('Order "Line''s', 3, 'product', 'string(50)', '2026-06-30 01:02:03.456'),
('Order "Line''s', 4, 'weird "col" [x] `y`', 'string', '2026-06-30 01:02:03.456'),
('Order "Line''s', 5, 'amount', 'decimal(18,2)', '2026-06-30 01:02:03.456'),
('Order "Line''s', 6, 'is_gift', 'boolean', '2026-06-30 01:02:03.456'),
('Order "Line''s', 7, 'source_system', 'string(20)', '2026-06-30 01:02:03.456'),
('Order "Line''s', 8, 'load_batch', 'bigint', '2026-06-30 01:02:03.456'),
('Order "Line''s', -1, 'order_id', 'business key', '2026-06-30 01:02:03.456'),
('Order "Line''s', -2, 'line no', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental: customer =====
BEGIN;

UPDATE "psg__customer" AS p
SET "lf_row_hash" = CASE WHEN p."customer_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."customer_id" AS TEXT)) AS TEXT) || ':' || CAST(p."customer_id" AS TEXT) END || CASE WHEN p."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."name" AS TEXT)) AS TEXT) || ':' || CAST(p."name" AS TEXT) END || CASE WHEN p."modified_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."modified_at" AS TEXT)) AS TEXT) || ':' || CAST(p."modified_at" AS TEXT) END || CASE WHEN p."row_version" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."row_version" AS TEXT)) AS TEXT) || ':' || CAST(p."row_version" AS TEXT) END || CASE WHEN p."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."balance" AS TEXT)) AS TEXT) || ':' || CAST(p."balance" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'customer' AND h."scheme" = 'text/1' || '/columns:3bf1a90155cd6c1f');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'customer';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('customer', 'text/1' || '/columns:3bf1a90155cd6c1f', '2026-06-30 01:02:03.456');

UPDATE "psg__customer" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__customer" AS c WHERE c."customer_id" = p."customer_id"
    AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> CASE WHEN c."customer_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."customer_id" AS TEXT)) AS TEXT) || ':' || CAST(c."customer_id" AS TEXT) END || CASE WHEN c."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."name" AS TEXT)) AS TEXT) || ':' || CAST(c."name" AS TEXT) END || CASE WHEN c."modified_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."modified_at" AS TEXT)) AS TEXT) || ':' || CAST(c."modified_at" AS TEXT) END || CASE WHEN c."row_version" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."row_version" AS TEXT)) AS TEXT) || ':' || CAST(c."row_version" AS TEXT) END || CASE WHEN c."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."balance" AS TEXT)) AS TEXT) || ':' || CAST(c."balance" AS TEXT) END));

INSERT INTO "psg__customer" ("customer_id", "name", "modified_at", "row_version", "balance", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."customer_id", c."name", c."modified_at", c."row_version", c."balance", CASE WHEN c."customer_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."customer_id" AS TEXT)) AS TEXT) || ':' || CAST(c."customer_id" AS TEXT) END || CASE WHEN c."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."name" AS TEXT)) AS TEXT) || ':' || CAST(c."name" AS TEXT) END || CASE WHEN c."modified_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."modified_at" AS TEXT)) AS TEXT) || ':' || CAST(c."modified_at" AS TEXT) END || CASE WHEN c."row_version" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."row_version" AS TEXT)) AS TEXT) || ':' || CAST(c."row_version" AS TEXT) END || CASE WHEN c."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."balance" AS TEXT)) AS TEXT) || ':' || CAST(c."balance" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__customer" AS c
WHERE NOT EXISTS (SELECT 1 FROM "psg__customer" AS p WHERE p."customer_id" = c."customer_id" AND p."lf_is_current" = 1);

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'modified_at' AND EXISTS (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL);

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'modified_at', v."value", '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL) AS v;

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'modified_at', '2026-06-29T23:30:00.1234567Z', v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL) AS v
WHERE (v."value" IS NULL OR v."value" <> '2026-06-29T23:30:00.1234567Z');

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'row_version' AND EXISTS (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL);

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'row_version', v."value", '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL) AS v;

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'row_version', '9007199254740993', v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL) AS v
WHERE (v."value" IS NULL OR v."value" <> '9007199254740993');

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'customer';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('customer', 1, 'customer_id', 'int', '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental, first run: customer =====
BEGIN;

UPDATE "psg__customer" AS p
SET "lf_row_hash" = CASE WHEN p."customer_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."customer_id" AS TEXT)) AS TEXT) || ':' || CAST(p."customer_id" AS TEXT) END || CASE WHEN p."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."name" AS TEXT)) AS TEXT) || ':' || CAST(p."name" AS TEXT) END || CASE WHEN p."modified_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."modified_at" AS TEXT)) AS TEXT) || ':' || CAST(p."modified_at" AS TEXT) END || CASE WHEN p."row_version" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."row_version" AS TEXT)) AS TEXT) || ':' || CAST(p."row_version" AS TEXT) END || CASE WHEN p."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."balance" AS TEXT)) AS TEXT) || ':' || CAST(p."balance" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'customer' AND h."scheme" = 'text/1' || '/columns:3bf1a90155cd6c1f');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'customer';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('customer', 'text/1' || '/columns:3bf1a90155cd6c1f', '2026-06-30 01:02:03.456');

UPDATE "psg__customer" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__customer" AS c WHERE c."customer_id" = p."customer_id"
    AND (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> c."lf_row_hash")));

INSERT INTO "psg__customer" ("customer_id", "name", "modified_at", "row_version", "balance", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."customer_id", c."name", c."modified_at", c."row_version", c."balance", c."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__customer" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__customer" AS p WHERE p."customer_id" = c."customer_id" AND p."lf_is_current" = 1);

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'modified_at' AND EXISTS (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL);

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'modified_at', v."value", '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL) AS v;

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'modified_at', NULL, v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL) AS v
WHERE v."value" IS NOT NULL;

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'row_version' AND EXISTS (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL);

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'row_version', v."value", '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL) AS v;

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'row_version', NULL, v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL) AS v
WHERE v."value" IS NOT NULL;

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'customer';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('customer', 1, 'customer_id', 'int', '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental, first run: customer, no current version =====
BEGIN;

UPDATE "psg__customer" AS p
SET "lf_row_hash" = CASE WHEN p."customer_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."customer_id" AS TEXT)) AS TEXT) || ':' || CAST(p."customer_id" AS TEXT) END || CASE WHEN p."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."name" AS TEXT)) AS TEXT) || ':' || CAST(p."name" AS TEXT) END || CASE WHEN p."modified_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."modified_at" AS TEXT)) AS TEXT) || ':' || CAST(p."modified_at" AS TEXT) END || CASE WHEN p."row_version" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."row_version" AS TEXT)) AS TEXT) || ':' || CAST(p."row_version" AS TEXT) END || CASE WHEN p."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."balance" AS TEXT)) AS TEXT) || ':' || CAST(p."balance" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'customer' AND h."scheme" = 'text/1' || '/columns:3bf1a90155cd6c1f');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'customer';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('customer', 'text/1' || '/columns:3bf1a90155cd6c1f', '2026-06-30 01:02:03.456');

INSERT INTO "psg__customer" ("customer_id", "name", "modified_at", "row_version", "balance", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."customer_id", c."name", c."modified_at", c."row_version", c."balance", CASE WHEN c."customer_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."customer_id" AS TEXT)) AS TEXT) || ':' || CAST(c."customer_id" AS TEXT) END || CASE WHEN c."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."name" AS TEXT)) AS TEXT) || ':' || CAST(c."name" AS TEXT) END || CASE WHEN c."modified_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."modified_at" AS TEXT)) AS TEXT) || ':' || CAST(c."modified_at" AS TEXT) END || CASE WHEN c."row_version" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."row_version" AS TEXT)) AS TEXT) || ':' || CAST(c."row_version" AS TEXT) END || CASE WHEN c."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."balance" AS TEXT)) AS TEXT) || ':' || CAST(c."balance" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__customer" AS c;

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'modified_at' AND EXISTS (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL);

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'modified_at', v."value", '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL) AS v;

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'modified_at', NULL, v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("modified_at") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("modified_at") IS NOT NULL) AS v
WHERE v."value" IS NOT NULL;

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'customer' AND "parameter" = 'row_version' AND EXISTS (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL);

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'customer', 'row_version', v."value", '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL) AS v;

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'customer', 'row_version', NULL, v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("row_version") AS TEXT) AS "value" FROM "psg__customer" HAVING MAX("row_version") IS NOT NULL) AS v
WHERE v."value" IS NOT NULL;

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'customer';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('customer', 1, 'customer_id', 'int', '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (date): shipment =====
BEGIN;

UPDATE "psg__shipment" AS p
SET "lf_row_hash" = CASE WHEN p."shipment_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."shipment_id" AS TEXT)) AS TEXT) || ':' || CAST(p."shipment_id" AS TEXT) END || CASE WHEN p."ship_date" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."ship_date" AS TEXT)) AS TEXT) || ':' || CAST(p."ship_date" AS TEXT) END || CASE WHEN p."carrier" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."carrier" AS TEXT)) AS TEXT) || ':' || CAST(p."carrier" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'shipment' AND h."scheme" = 'text/1' || '/columns:8ed9220a9696d520');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'shipment';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('shipment', 'text/1' || '/columns:8ed9220a9696d520', '2026-06-30 01:02:03.456');

UPDATE "psg__shipment" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__shipment" AS c WHERE c."shipment_id" = p."shipment_id"
    AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = 0) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> c."lf_row_hash"))));

INSERT INTO "psg__shipment" ("shipment_id", "ship_date", "carrier", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."shipment_id", p."ship_date", p."carrier", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__shipment" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND EXISTS (SELECT 1 FROM "temp__shipment" AS c WHERE c."shipment_id" = p."shipment_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg__shipment" AS n WHERE n."shipment_id" = p."shipment_id" AND n."lf_is_current" = 1);

INSERT INTO "psg__shipment" ("shipment_id", "ship_date", "carrier", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."shipment_id", c."ship_date", c."carrier", c."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__shipment" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__shipment" AS p WHERE p."shipment_id" = c."shipment_id" AND p."lf_is_current" = 1);

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'shipment';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('shipment', 1, 'shipment_id', 'int', '2026-06-30 01:02:03.456'),
('shipment', 2, 'ship_date', 'date', '2026-06-30 01:02:03.456'),
('shipment', 3, 'carrier', 'string(30)', '2026-06-30 01:02:03.456'),
('shipment', -1, 'shipment_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (date): shipment, no current version =====
BEGIN;

UPDATE "psg__shipment" AS p
SET "lf_row_hash" = CASE WHEN p."shipment_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."shipment_id" AS TEXT)) AS TEXT) || ':' || CAST(p."shipment_id" AS TEXT) END || CASE WHEN p."ship_date" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."ship_date" AS TEXT)) AS TEXT) || ':' || CAST(p."ship_date" AS TEXT) END || CASE WHEN p."carrier" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."carrier" AS TEXT)) AS TEXT) || ':' || CAST(p."carrier" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'shipment' AND h."scheme" = 'text/1' || '/columns:8ed9220a9696d520');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'shipment';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('shipment', 'text/1' || '/columns:8ed9220a9696d520', '2026-06-30 01:02:03.456');

INSERT INTO "psg__shipment" ("shipment_id", "ship_date", "carrier", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."shipment_id", c."ship_date", c."carrier", CASE WHEN c."shipment_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."shipment_id" AS TEXT)) AS TEXT) || ':' || CAST(c."shipment_id" AS TEXT) END || CASE WHEN c."ship_date" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."ship_date" AS TEXT)) AS TEXT) || ':' || CAST(c."ship_date" AS TEXT) END || CASE WHEN c."carrier" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."carrier" AS TEXT)) AS TEXT) || ':' || CAST(c."carrier" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__shipment" AS c;

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'shipment';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('shipment', 1, 'shipment_id', 'int', '2026-06-30 01:02:03.456'),
('shipment', 2, 'ship_date', 'date', '2026-06-30 01:02:03.456'),
('shipment', 3, 'carrier', 'string(30)', '2026-06-30 01:02:03.456'),
('shipment', -1, 'shipment_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (datetime): event =====
BEGIN;

UPDATE "psg__event" AS p
SET "lf_row_hash" = CASE WHEN p."event_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."event_id" AS TEXT)) AS TEXT) || ':' || CAST(p."event_id" AS TEXT) END || CASE WHEN p."event_time" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."event_time" AS TEXT)) AS TEXT) || ':' || CAST(p."event_time" AS TEXT) END || CASE WHEN p."recorded_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."recorded_at" AS TEXT)) AS TEXT) || ':' || CAST(p."recorded_at" AS TEXT) END || CASE WHEN p."start" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."start" AS TEXT)) AS TEXT) || ':' || CAST(p."start" AS TEXT) END || CASE WHEN p."score" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."score" AS TEXT)) AS TEXT) || ':' || CAST(p."score" AS TEXT) END || CASE WHEN p."ratio" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."ratio" AS TEXT)) AS TEXT) || ':' || CAST(p."ratio" AS TEXT) END || CASE WHEN p."kind" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."kind" AS TEXT)) AS TEXT) || ':' || CAST(p."kind" AS TEXT) END || CASE WHEN p."raw" IS NULL THEN 'N' ELSE 'V' || CAST(length(hex(p."raw")) AS TEXT) || ':' || hex(p."raw") END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'event' AND h."scheme" = 'text/1' || '/columns:6ab89cbbc9bafbdd');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'event';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('event', 'text/1' || '/columns:6ab89cbbc9bafbdd', '2026-06-30 01:02:03.456');

UPDATE "psg__event" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__event" AS c WHERE c."event_id" = p."event_id"
    AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = 0) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> c."lf_row_hash"))));

INSERT INTO "psg__event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."event_id", p."event_time", p."recorded_at", p."start", p."score", p."ratio", p."kind", p."raw", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__event" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND EXISTS (SELECT 1 FROM "temp__event" AS c WHERE c."event_id" = p."event_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg__event" AS n WHERE n."event_id" = p."event_id" AND n."lf_is_current" = 1);

INSERT INTO "psg__event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."event_id", c."event_time", c."recorded_at", c."start", c."score", c."ratio", c."kind", c."raw", c."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__event" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__event" AS p WHERE p."event_id" = c."event_id" AND p."lf_is_current" = 1);

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'event';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('event', 1, 'event_id', 'uuid', '2026-06-30 01:02:03.456'),
('event', 2, 'event_time', 'datetime', '2026-06-30 01:02:03.456'),
('event', 3, 'recorded_at', 'datetimeoffset', '2026-06-30 01:02:03.456'),
('event', 4, 'start', 'time', '2026-06-30 01:02:03.456'),
('event', 5, 'score', 'double', '2026-06-30 01:02:03.456'),
('event', 6, 'ratio', 'float', '2026-06-30 01:02:03.456'),
('event', 7, 'kind', 'smallint', '2026-06-30 01:02:03.456'),
('event', 8, 'raw', 'binary(16)', '2026-06-30 01:02:03.456'),
('event', -1, 'event_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (datetime): event, no current version =====
BEGIN;

UPDATE "psg__event" AS p
SET "lf_row_hash" = CASE WHEN p."event_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."event_id" AS TEXT)) AS TEXT) || ':' || CAST(p."event_id" AS TEXT) END || CASE WHEN p."event_time" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."event_time" AS TEXT)) AS TEXT) || ':' || CAST(p."event_time" AS TEXT) END || CASE WHEN p."recorded_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."recorded_at" AS TEXT)) AS TEXT) || ':' || CAST(p."recorded_at" AS TEXT) END || CASE WHEN p."start" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."start" AS TEXT)) AS TEXT) || ':' || CAST(p."start" AS TEXT) END || CASE WHEN p."score" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."score" AS TEXT)) AS TEXT) || ':' || CAST(p."score" AS TEXT) END || CASE WHEN p."ratio" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."ratio" AS TEXT)) AS TEXT) || ':' || CAST(p."ratio" AS TEXT) END || CASE WHEN p."kind" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."kind" AS TEXT)) AS TEXT) || ':' || CAST(p."kind" AS TEXT) END || CASE WHEN p."raw" IS NULL THEN 'N' ELSE 'V' || CAST(length(hex(p."raw")) AS TEXT) || ':' || hex(p."raw") END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'event' AND h."scheme" = 'text/1' || '/columns:6ab89cbbc9bafbdd');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'event';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('event', 'text/1' || '/columns:6ab89cbbc9bafbdd', '2026-06-30 01:02:03.456');

INSERT INTO "psg__event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."event_id", c."event_time", c."recorded_at", c."start", c."score", c."ratio", c."kind", c."raw", CASE WHEN c."event_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."event_id" AS TEXT)) AS TEXT) || ':' || CAST(c."event_id" AS TEXT) END || CASE WHEN c."event_time" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."event_time" AS TEXT)) AS TEXT) || ':' || CAST(c."event_time" AS TEXT) END || CASE WHEN c."recorded_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."recorded_at" AS TEXT)) AS TEXT) || ':' || CAST(c."recorded_at" AS TEXT) END || CASE WHEN c."start" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."start" AS TEXT)) AS TEXT) || ':' || CAST(c."start" AS TEXT) END || CASE WHEN c."score" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."score" AS TEXT)) AS TEXT) || ':' || CAST(c."score" AS TEXT) END || CASE WHEN c."ratio" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."ratio" AS TEXT)) AS TEXT) || ':' || CAST(c."ratio" AS TEXT) END || CASE WHEN c."kind" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."kind" AS TEXT)) AS TEXT) || ':' || CAST(c."kind" AS TEXT) END || CASE WHEN c."raw" IS NULL THEN 'N' ELSE 'V' || CAST(length(hex(c."raw")) AS TEXT) || ':' || hex(c."raw") END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__event" AS c;

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'event';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('event', 1, 'event_id', 'uuid', '2026-06-30 01:02:03.456'),
('event', 2, 'event_time', 'datetime', '2026-06-30 01:02:03.456'),
('event', 3, 'recorded_at', 'datetimeoffset', '2026-06-30 01:02:03.456'),
('event', 4, 'start', 'time', '2026-06-30 01:02:03.456'),
('event', 5, 'score', 'double', '2026-06-30 01:02:03.456'),
('event', 6, 'ratio', 'float', '2026-06-30 01:02:03.456'),
('event', 7, 'kind', 'smallint', '2026-06-30 01:02:03.456'),
('event', 8, 'raw', 'binary(16)', '2026-06-30 01:02:03.456'),
('event', -1, 'event_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking: account =====
BEGIN;

UPDATE "psg__account" AS p
SET "lf_row_hash" = CASE WHEN p."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."account_id" AS TEXT)) AS TEXT) || ':' || CAST(p."account_id" AS TEXT) END || CASE WHEN p."account_name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."account_name" AS TEXT)) AS TEXT) || ':' || CAST(p."account_name" AS TEXT) END || CASE WHEN p."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."balance" AS TEXT)) AS TEXT) || ':' || CAST(p."balance" AS TEXT) END || CASE WHEN p."opened_on" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."opened_on" AS TEXT)) AS TEXT) || ':' || CAST(p."opened_on" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'account' AND h."scheme" = 'text/1' || '/columns:73c0c640d35e67ce');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'account';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('account', 'text/1' || '/columns:73c0c640d35e67ce', '2026-06-30 01:02:03.456');

UPDATE "psg__account" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__account" AS c WHERE c."account_id" = p."account_id"
    AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = 0) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> CASE WHEN c."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."account_id" AS TEXT)) AS TEXT) || ':' || CAST(c."account_id" AS TEXT) END || CASE WHEN c."account_name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."account_name" AS TEXT)) AS TEXT) || ':' || CAST(c."account_name" AS TEXT) END || CASE WHEN c."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."balance" AS TEXT)) AS TEXT) || ':' || CAST(c."balance" AS TEXT) END || CASE WHEN c."opened_on" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."opened_on" AS TEXT)) AS TEXT) || ':' || CAST(c."opened_on" AS TEXT) END))));

INSERT INTO "psg__account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."account_id", p."account_name", p."balance", p."opened_on", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__account" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND EXISTS (SELECT 1 FROM "temp__account" AS c WHERE c."account_id" = p."account_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg__account" AS n WHERE n."account_id" = p."account_id" AND n."lf_is_current" = 1);

INSERT INTO "psg__account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."account_id", c."account_name", c."balance", c."opened_on", CASE WHEN c."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."account_id" AS TEXT)) AS TEXT) || ':' || CAST(c."account_id" AS TEXT) END || CASE WHEN c."account_name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."account_name" AS TEXT)) AS TEXT) || ':' || CAST(c."account_name" AS TEXT) END || CASE WHEN c."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."balance" AS TEXT)) AS TEXT) || ':' || CAST(c."balance" AS TEXT) END || CASE WHEN c."opened_on" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."opened_on" AS TEXT)) AS TEXT) || ':' || CAST(c."opened_on" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__account" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__account" AS p WHERE p."account_id" = c."account_id" AND p."lf_is_current" = 1);

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'account' AND "parameter" = 'change_tracking_version';

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('account', 'change_tracking_version', '250', '2026-06-30 01:02:03.456');

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'account', 'change_tracking_version', '100', v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS "value") AS v
WHERE (v."value" IS NULL OR v."value" <> '100');

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'account';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('account', 1, 'account_id', 'int', '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking, expired version: account =====
BEGIN;

UPDATE "psg__account" AS p
SET "lf_row_hash" = CASE WHEN p."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."account_id" AS TEXT)) AS TEXT) || ':' || CAST(p."account_id" AS TEXT) END || CASE WHEN p."account_name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."account_name" AS TEXT)) AS TEXT) || ':' || CAST(p."account_name" AS TEXT) END || CASE WHEN p."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."balance" AS TEXT)) AS TEXT) || ':' || CAST(p."balance" AS TEXT) END || CASE WHEN p."opened_on" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."opened_on" AS TEXT)) AS TEXT) || ':' || CAST(p."opened_on" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'account' AND h."scheme" = 'text/1' || '/columns:73c0c640d35e67ce');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'account';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('account', 'text/1' || '/columns:73c0c640d35e67ce', '2026-06-30 01:02:03.456');

UPDATE "psg__account" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__account" AS c WHERE c."account_id" = p."account_id"
    AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = 0) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> c."lf_row_hash"))));

INSERT INTO "psg__account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."account_id", p."account_name", p."balance", p."opened_on", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__account" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND EXISTS (SELECT 1 FROM "temp__account" AS c WHERE c."account_id" = p."account_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg__account" AS n WHERE n."account_id" = p."account_id" AND n."lf_is_current" = 1);

INSERT INTO "psg__account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."account_id", c."account_name", c."balance", c."opened_on", c."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__account" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__account" AS p WHERE p."account_id" = c."account_id" AND p."lf_is_current" = 1);

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'account' AND "parameter" = 'change_tracking_version';

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('account', 'change_tracking_version', '250', '2026-06-30 01:02:03.456');

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'account', 'change_tracking_version', '10', v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS "value") AS v
WHERE (v."value" IS NULL OR v."value" <> '10');

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'account';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('account', 1, 'account_id', 'int', '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking, expired version: account, no current version =====
BEGIN;

UPDATE "psg__account" AS p
SET "lf_row_hash" = CASE WHEN p."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."account_id" AS TEXT)) AS TEXT) || ':' || CAST(p."account_id" AS TEXT) END || CASE WHEN p."account_name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."account_name" AS TEXT)) AS TEXT) || ':' || CAST(p."account_name" AS TEXT) END || CASE WHEN p."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."balance" AS TEXT)) AS TEXT) || ':' || CAST(p."balance" AS TEXT) END || CASE WHEN p."opened_on" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."opened_on" AS TEXT)) AS TEXT) || ':' || CAST(p."opened_on" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'account' AND h."scheme" = 'text/1' || '/columns:73c0c640d35e67ce');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'account';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('account', 'text/1' || '/columns:73c0c640d35e67ce', '2026-06-30 01:02:03.456');

INSERT INTO "psg__account" ("account_id", "account_name", "balance", "opened_on", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."account_id", c."account_name", c."balance", c."opened_on", CASE WHEN c."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."account_id" AS TEXT)) AS TEXT) || ':' || CAST(c."account_id" AS TEXT) END || CASE WHEN c."account_name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."account_name" AS TEXT)) AS TEXT) || ':' || CAST(c."account_name" AS TEXT) END || CASE WHEN c."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."balance" AS TEXT)) AS TEXT) || ':' || CAST(c."balance" AS TEXT) END || CASE WHEN c."opened_on" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."opened_on" AS TEXT)) AS TEXT) || ':' || CAST(c."opened_on" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__account" AS c;

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'account' AND "parameter" = 'change_tracking_version';

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('account', 'change_tracking_version', '250', '2026-06-30 01:02:03.456');

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'account', 'change_tracking_version', '10', v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS "value") AS v
WHERE (v."value" IS NULL OR v."value" <> '10');

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'account';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('account', 1, 'account_id', 'int', '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', '2026-06-30 01:02:03.456');

COMMIT;

-- ===== multiWildCardFile: payroll =====
BEGIN;

UPDATE "psg__payroll" AS p
SET "lf_row_hash" = CASE WHEN p."employee_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."employee_id" AS TEXT)) AS TEXT) || ':' || CAST(p."employee_id" AS TEXT) END || CASE WHEN p."period" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."period" AS TEXT)) AS TEXT) || ':' || CAST(p."period" AS TEXT) END || CASE WHEN p."gross" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."gross" AS TEXT)) AS TEXT) || ':' || CAST(p."gross" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'payroll' AND h."scheme" = 'text/1' || '/columns:2b9710dd07d30c0b');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'payroll';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('payroll', 'text/1' || '/columns:2b9710dd07d30c0b', '2026-06-30 01:02:03.456');

UPDATE "psg__payroll" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__payroll" AS c WHERE c."employee_id" = p."employee_id" AND c."period" = p."period"
    AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> CASE WHEN c."employee_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."employee_id" AS TEXT)) AS TEXT) || ':' || CAST(c."employee_id" AS TEXT) END || CASE WHEN c."period" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."period" AS TEXT)) AS TEXT) || ':' || CAST(c."period" AS TEXT) END || CASE WHEN c."gross" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."gross" AS TEXT)) AS TEXT) || ':' || CAST(c."gross" AS TEXT) END));

INSERT INTO "psg__payroll" ("employee_id", "period", "gross", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."employee_id", c."period", c."gross", CASE WHEN c."employee_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."employee_id" AS TEXT)) AS TEXT) || ':' || CAST(c."employee_id" AS TEXT) END || CASE WHEN c."period" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."period" AS TEXT)) AS TEXT) || ':' || CAST(c."period" AS TEXT) END || CASE WHEN c."gross" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."gross" AS TEXT)) AS TEXT) || ':' || CAST(c."gross" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__payroll" AS c
WHERE NOT EXISTS (SELECT 1 FROM "psg__payroll" AS p WHERE p."employee_id" = c."employee_id" AND p."period" = c."period" AND p."lf_is_current" = 1);

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'payroll';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('payroll', 1, 'employee_id', 'int', '2026-06-30 01:02:03.456'),
('payroll', 2, 'period', 'string(7)', '2026-06-30 01:02:03.456'),
('payroll', 3, 'gross', 'decimal(12,2)', '2026-06-30 01:02:03.456'),
('payroll', -1, 'employee_id', 'business key', '2026-06-30 01:02:03.456'),
('payroll', -2, 'period', 'business key', '2026-06-30 01:02:03.456');

COMMIT;
