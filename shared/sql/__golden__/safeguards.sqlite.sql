-- entity "orders"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (sqlite) ====
-- the key sweep: only the business keys of the source, landed in orders__keys/Latest and staged in "temp__orders__keys"; current rows whose key is gone are marked deleted in persist

SELECT "order_id"
FROM "sales"."orders";


-- ==== setup: warehouse (sqlite) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- opens the load's transaction: setup, stage, checks and change set run in it, so a load that fails leaves none of them

BEGIN;

CREATE TABLE IF NOT EXISTS "psg__orders" (
  "order_id" INTEGER NOT NULL,
  "status" TEXT NULL,
  "amount" NUMERIC NULL,
  "changed_at" TEXT NULL,
  "lf_row_hash" TEXT NOT NULL,
  "lf_valid_from" TEXT NOT NULL,
  "lf_valid_to" TEXT NULL,
  "lf_is_current" INTEGER NOT NULL,
  "lf_is_deleted" INTEGER NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm__control_parameters" (
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "value" TEXT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm__row_hash_schemes" (
  "entity" TEXT NOT NULL,
  "scheme" TEXT NOT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm__control_parameter_history" (
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "old_value" TEXT NULL,
  "new_value" TEXT NULL,
  "run_id" TEXT NULL,
  "changed_at" TEXT NOT NULL,
  "changed_by" TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm__run_log" (
  "run_id" TEXT NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" TEXT NOT NULL,
  "started_at" TEXT NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_run_log" (
  "run_id" TEXT NOT NULL,
  "entity" TEXT NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TEXT NOT NULL,
  "mode" TEXT NOT NULL,
  "rows_read" BIGINT NOT NULL,
  "rows_written" BIGINT NOT NULL,
  "rows_per_second" BIGINT NOT NULL,
  "bytes_landed" BIGINT NOT NULL,
  "files" BIGINT NOT NULL,
  "file_bytes_min" BIGINT NOT NULL,
  "file_bytes_median" BIGINT NOT NULL,
  "file_bytes_max" BIGINT NOT NULL,
  "small_files" BIGINT NOT NULL,
  "small_file_bytes" BIGINT NOT NULL,
  "skew" NUMERIC NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" TEXT NULL,
  "watermark_before" TEXT NULL,
  "watermark_after" TEXT NULL,
  "previous_success_at" TEXT NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_run_watermarks" (
  "run_id" TEXT NOT NULL,
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "watermark_before" TEXT NULL,
  "watermark_after" TEXT NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_columns" (
  "entity" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" TEXT NOT NULL,
  "column_type" TEXT NOT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity", "position")
);

CREATE INDEX IF NOT EXISTS "psg__orders__lf_key" ON "psg__orders" ("order_id", "lf_is_current");

CREATE TABLE IF NOT EXISTS "cur__orders_now" (
  "order_id" INTEGER NOT NULL,
  "status" TEXT NULL,
  "amount" NUMERIC NULL,
  "changed_at" TEXT NULL
);


-- ==== stage: warehouse (sqlite) ====
-- each landed file's rows are inserted in batches

DROP TABLE IF EXISTS "temp__orders_delta";

DROP TABLE IF EXISTS "temp__orders";

CREATE TABLE "temp__orders" (
  "order_id" INTEGER NULL,
  "status" TEXT NULL,
  "amount" NUMERIC NULL,
  "changed_at" TEXT NULL,
  "lf_change_operation" CHAR(1) NOT NULL
);

CREATE INDEX IF NOT EXISTS "temp__orders__lf_key" ON "temp__orders" ("order_id");

DROP TABLE IF EXISTS "temp__orders__keys_delta";

DROP TABLE IF EXISTS "temp__orders__keys";

CREATE TABLE "temp__orders__keys" (
  "order_id" INTEGER NULL
);

CREATE INDEX IF NOT EXISTS "temp__orders__keys__lf_key" ON "temp__orders__keys" ("order_id");


-- ==== changeSet: warehouse (sqlite) ====
-- the incremental extract delivers a change set: no comparison with persistent staging


-- ==== checks: warehouse (sqlite) ====
-- each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported

SELECT r."rows_extracted", 1 AS "lf_failing"
FROM (SELECT 1234 AS "rows_extracted") AS r
WHERE r."rows_extracted" < 1 OR r."rows_extracted" > 1000000;

SELECT c."affected", c."current_rows", 1 AS "lf_failing"
FROM (SELECT (SELECT COUNT(*) FROM "temp__orders" AS s WHERE s."lf_change_operation" = 'D' AND EXISTS (SELECT 1 FROM (SELECT * FROM "psg__orders" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p WHERE p."order_id" = s."order_id")) + (SELECT COUNT(*) FROM (SELECT * FROM "psg__orders" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p WHERE NOT EXISTS (SELECT 1 FROM "temp__orders__keys" AS k WHERE k."order_id" = p."order_id")) AS "affected", (SELECT COUNT(*) FROM (SELECT * FROM "psg__orders" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p) AS "current_rows") AS c
WHERE c."affected" > 0 AND c."affected" * 100 > c."current_rows" * 20;

SELECT c."affected", c."current_rows", 1 AS "lf_failing"
FROM (SELECT (SELECT COUNT(*) FROM "temp__orders" AS s WHERE EXISTS (SELECT 1 FROM (SELECT * FROM "psg__orders" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p WHERE p."order_id" = s."order_id")) + (SELECT COUNT(*) FROM (SELECT * FROM "psg__orders" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p WHERE NOT EXISTS (SELECT 1 FROM "temp__orders__keys" AS k WHERE k."order_id" = p."order_id")) AS "affected", (SELECT COUNT(*) FROM (SELECT * FROM "psg__orders" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p) AS "current_rows") AS c
WHERE c."affected" > 0 AND c."affected" * 100 > c."current_rows" * 80;

SELECT s."order_id", s."status", COUNT(*) OVER () AS "lf_failing"
FROM (SELECT * FROM "temp__orders" WHERE "lf_change_operation" <> 'D') AS s
WHERE s."status" IS NULL
LIMIT 10;

SELECT "order_id", "status", COUNT(*) AS "copies", COUNT(*) OVER () AS "lf_failing"
FROM (SELECT "order_id", "status" FROM (SELECT * FROM "temp__orders" WHERE "lf_change_operation" <> 'D') AS s
  UNION ALL
  SELECT p."order_id", p."status" FROM (SELECT * FROM "psg__orders" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p WHERE NOT EXISTS (SELECT 1 FROM "temp__orders" AS s WHERE s."order_id" = p."order_id")) AS a
GROUP BY "order_id", "status"
HAVING COUNT(*) > 1
LIMIT 10;

SELECT s."order_id", s."status", COUNT(*) OVER () AS "lf_failing"
FROM (SELECT * FROM "temp__orders" WHERE "lf_change_operation" <> 'D') AS s
WHERE s."status" IS NOT NULL AND s."status" NOT IN ('open', 'shipped', 'it''s done')
LIMIT 10;

SELECT q.*, COUNT(*) OVER () AS "lf_failing"
FROM (
SELECT order_id, amount FROM (SELECT * FROM "temp__orders" WHERE "lf_change_operation" <> 'D') AS s WHERE s.amount < 0
) AS q
LIMIT 10;


-- ==== persist: warehouse (sqlite) ====
-- ends the load's transaction: new versions, closed versions, the watermark and its ledger row, the run metrics, then COMMIT

UPDATE "psg__orders" AS p
SET "lf_row_hash" = CASE WHEN p."order_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."order_id" AS TEXT)) AS TEXT) || ':' || CAST(p."order_id" AS TEXT) END || CASE WHEN p."status" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."status" AS TEXT)) AS TEXT) || ':' || CAST(p."status" AS TEXT) END || CASE WHEN p."amount" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."amount" AS TEXT)) AS TEXT) || ':' || CAST(p."amount" AS TEXT) END || CASE WHEN p."changed_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."changed_at" AS TEXT)) AS TEXT) || ':' || CAST(p."changed_at" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'orders' AND h."scheme" = 'text/1' || '/columns:99acc10f256b38d9');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'orders';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('orders', 'text/1' || '/columns:99acc10f256b38d9', '2026-06-30 01:02:03.456');

UPDATE "psg__orders" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__orders" AS c WHERE c."order_id" = p."order_id"
    AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = 0) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> CASE WHEN c."order_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."order_id" AS TEXT)) AS TEXT) || ':' || CAST(c."order_id" AS TEXT) END || CASE WHEN c."status" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."status" AS TEXT)) AS TEXT) || ':' || CAST(c."status" AS TEXT) END || CASE WHEN c."amount" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."amount" AS TEXT)) AS TEXT) || ':' || CAST(c."amount" AS TEXT) END || CASE WHEN c."changed_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."changed_at" AS TEXT)) AS TEXT) || ':' || CAST(c."changed_at" AS TEXT) END))));

INSERT INTO "psg__orders" ("order_id", "status", "amount", "changed_at", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."order_id", p."status", p."amount", p."changed_at", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__orders" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND EXISTS (SELECT 1 FROM "temp__orders" AS c WHERE c."order_id" = p."order_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg__orders" AS n WHERE n."order_id" = p."order_id" AND n."lf_is_current" = 1);

INSERT INTO "psg__orders" ("order_id", "status", "amount", "changed_at", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."order_id", c."status", c."amount", c."changed_at", CASE WHEN c."order_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."order_id" AS TEXT)) AS TEXT) || ':' || CAST(c."order_id" AS TEXT) END || CASE WHEN c."status" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."status" AS TEXT)) AS TEXT) || ':' || CAST(c."status" AS TEXT) END || CASE WHEN c."amount" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."amount" AS TEXT)) AS TEXT) || ':' || CAST(c."amount" AS TEXT) END || CASE WHEN c."changed_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."changed_at" AS TEXT)) AS TEXT) || ':' || CAST(c."changed_at" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__orders" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__orders" AS p WHERE p."order_id" = c."order_id" AND p."lf_is_current" = 1);

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'orders' AND "parameter" = 'changed_at' AND EXISTS (SELECT CAST(MAX("changed_at") AS TEXT) AS "value" FROM "psg__orders" HAVING MAX("changed_at") IS NOT NULL);

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'orders', 'changed_at', v."value", '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("changed_at") AS TEXT) AS "value" FROM "psg__orders" HAVING MAX("changed_at") IS NOT NULL) AS v;

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'orders', 'changed_at', '2026-06-29 23:30:00.123456', v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("changed_at") AS TEXT) AS "value" FROM "psg__orders" HAVING MAX("changed_at") IS NOT NULL) AS v
WHERE (v."value" IS NULL OR v."value" <> '2026-06-29 23:30:00.123456');

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'orders';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('orders', 1, 'order_id', 'bigint', '2026-06-30 01:02:03.456'),
('orders', 2, 'status', 'string(10)', '2026-06-30 01:02:03.456'),
('orders', 3, 'amount', 'decimal(12,2)', '2026-06-30 01:02:03.456'),
('orders', 4, 'changed_at', 'datetime', '2026-06-30 01:02:03.456'),
('orders', -1, 'order_id', 'business key', '2026-06-30 01:02:03.456');

UPDATE "psg__orders" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1 AND p."lf_is_deleted" = 0
  AND NOT EXISTS (SELECT 1 FROM "temp__orders__keys" AS k WHERE k."order_id" = p."order_id")
  AND NOT EXISTS (SELECT 1 FROM "temp__orders" AS c WHERE c."order_id" = p."order_id");

INSERT INTO "psg__orders" ("order_id", "status", "amount", "changed_at", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."order_id", p."status", p."amount", p."changed_at", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__orders" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND NOT EXISTS (SELECT 1 FROM "temp__orders__keys" AS k WHERE k."order_id" = p."order_id")
  AND NOT EXISTS (SELECT 1 FROM "temp__orders" AS c WHERE c."order_id" = p."order_id")
  AND NOT EXISTS (SELECT 1 FROM "psg__orders" AS n WHERE n."order_id" = p."order_id" AND n."lf_is_current" = 1);


-- ==== currentTable: warehouse (sqlite) ====
-- "cur__orders_now" gets the current rows in the load's transaction, before its COMMIT: a reader sees the old rows or the new ones

DELETE FROM "cur__orders_now";

INSERT INTO "cur__orders_now" ("order_id", "status", "amount", "changed_at")
SELECT "order_id", "status", "amount", "changed_at"
FROM "psg__orders"
WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0;

COMMIT;

-- entity "accounts"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (tsql) ====
-- the key sweep: only the business keys of the source, landed in accounts__keys/Latest and staged in "temp__accounts__keys"; current rows whose key is gone are marked deleted in persist

SELECT [account_id]
FROM [dbo].[accounts];


-- ==== setup: warehouse (sqlite) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- opens the load's transaction: setup, stage, checks and change set run in it, so a load that fails leaves none of them

BEGIN;

CREATE TABLE IF NOT EXISTS "psg__accounts" (
  "account_id" INTEGER NOT NULL,
  "name" TEXT NULL,
  "lf_row_hash" TEXT NOT NULL,
  "lf_valid_from" TEXT NOT NULL,
  "lf_valid_to" TEXT NULL,
  "lf_is_current" INTEGER NOT NULL,
  "lf_is_deleted" INTEGER NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm__control_parameters" (
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "value" TEXT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm__row_hash_schemes" (
  "entity" TEXT NOT NULL,
  "scheme" TEXT NOT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm__control_parameter_history" (
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "old_value" TEXT NULL,
  "new_value" TEXT NULL,
  "run_id" TEXT NULL,
  "changed_at" TEXT NOT NULL,
  "changed_by" TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm__run_log" (
  "run_id" TEXT NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" TEXT NOT NULL,
  "started_at" TEXT NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_run_log" (
  "run_id" TEXT NOT NULL,
  "entity" TEXT NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TEXT NOT NULL,
  "mode" TEXT NOT NULL,
  "rows_read" BIGINT NOT NULL,
  "rows_written" BIGINT NOT NULL,
  "rows_per_second" BIGINT NOT NULL,
  "bytes_landed" BIGINT NOT NULL,
  "files" BIGINT NOT NULL,
  "file_bytes_min" BIGINT NOT NULL,
  "file_bytes_median" BIGINT NOT NULL,
  "file_bytes_max" BIGINT NOT NULL,
  "small_files" BIGINT NOT NULL,
  "small_file_bytes" BIGINT NOT NULL,
  "skew" NUMERIC NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" TEXT NULL,
  "watermark_before" TEXT NULL,
  "watermark_after" TEXT NULL,
  "previous_success_at" TEXT NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_run_watermarks" (
  "run_id" TEXT NOT NULL,
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "watermark_before" TEXT NULL,
  "watermark_after" TEXT NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_columns" (
  "entity" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" TEXT NOT NULL,
  "column_type" TEXT NOT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity", "position")
);

CREATE INDEX IF NOT EXISTS "psg__accounts__lf_key" ON "psg__accounts" ("account_id", "lf_is_current");

CREATE TABLE IF NOT EXISTS "cur__accounts" (
  "account_id" INTEGER NOT NULL,
  "name" TEXT NULL
);


-- ==== stage: warehouse (sqlite) ====
-- each landed file's rows are inserted in batches

DROP TABLE IF EXISTS "temp__accounts_delta";

DROP TABLE IF EXISTS "temp__accounts";

CREATE TABLE "temp__accounts" (
  "account_id" INTEGER NULL,
  "name" TEXT NULL,
  "lf_change_operation" CHAR(1) NOT NULL
);

CREATE INDEX IF NOT EXISTS "temp__accounts__lf_key" ON "temp__accounts" ("account_id");

DROP TABLE IF EXISTS "temp__accounts__keys_delta";

DROP TABLE IF EXISTS "temp__accounts__keys";

CREATE TABLE "temp__accounts__keys" (
  "account_id" INTEGER NULL
);

CREATE INDEX IF NOT EXISTS "temp__accounts__keys__lf_key" ON "temp__accounts__keys" ("account_id");


-- ==== changeSet: warehouse (sqlite) ====
-- the changes extract delivers a change set: no comparison with persistent staging


-- ==== persist: warehouse (sqlite) ====
-- ends the load's transaction: new versions, closed versions, the watermark and its ledger row, the run metrics, then COMMIT

UPDATE "psg__accounts" AS p
SET "lf_row_hash" = CASE WHEN p."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."account_id" AS TEXT)) AS TEXT) || ':' || CAST(p."account_id" AS TEXT) END || CASE WHEN p."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."name" AS TEXT)) AS TEXT) || ':' || CAST(p."name" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'accounts' AND h."scheme" = 'text/1' || '/columns:757acfe188c350c3');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'accounts';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('accounts', 'text/1' || '/columns:757acfe188c350c3', '2026-06-30 01:02:03.456');

UPDATE "psg__accounts" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__accounts" AS c WHERE c."account_id" = p."account_id"
    AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = 0) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> CASE WHEN c."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."account_id" AS TEXT)) AS TEXT) || ':' || CAST(c."account_id" AS TEXT) END || CASE WHEN c."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."name" AS TEXT)) AS TEXT) || ':' || CAST(c."name" AS TEXT) END))));

INSERT INTO "psg__accounts" ("account_id", "name", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."account_id", p."name", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__accounts" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND EXISTS (SELECT 1 FROM "temp__accounts" AS c WHERE c."account_id" = p."account_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg__accounts" AS n WHERE n."account_id" = p."account_id" AND n."lf_is_current" = 1);

INSERT INTO "psg__accounts" ("account_id", "name", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."account_id", c."name", CASE WHEN c."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."account_id" AS TEXT)) AS TEXT) || ':' || CAST(c."account_id" AS TEXT) END || CASE WHEN c."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(c."name" AS TEXT)) AS TEXT) || ':' || CAST(c."name" AS TEXT) END, '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__accounts" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__accounts" AS p WHERE p."account_id" = c."account_id" AND p."lf_is_current" = 1);

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'accounts' AND "parameter" = 'change_tracking_version';

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('accounts', 'change_tracking_version', '250', '2026-06-30 01:02:03.456');

INSERT INTO "zdm__control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'accounts', 'change_tracking_version', '100', v."value", 'r1', '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS "value") AS v
WHERE (v."value" IS NULL OR v."value" <> '100');

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'accounts';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('accounts', 1, 'account_id', 'int', '2026-06-30 01:02:03.456'),
('accounts', 2, 'name', 'string(100)', '2026-06-30 01:02:03.456'),
('accounts', -1, 'account_id', 'business key', '2026-06-30 01:02:03.456');

UPDATE "psg__accounts" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1 AND p."lf_is_deleted" = 0
  AND NOT EXISTS (SELECT 1 FROM "temp__accounts__keys" AS k WHERE k."account_id" = p."account_id")
  AND NOT EXISTS (SELECT 1 FROM "temp__accounts" AS c WHERE c."account_id" = p."account_id");

INSERT INTO "psg__accounts" ("account_id", "name", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."account_id", p."name", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__accounts" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND NOT EXISTS (SELECT 1 FROM "temp__accounts__keys" AS k WHERE k."account_id" = p."account_id")
  AND NOT EXISTS (SELECT 1 FROM "temp__accounts" AS c WHERE c."account_id" = p."account_id")
  AND NOT EXISTS (SELECT 1 FROM "psg__accounts" AS n WHERE n."account_id" = p."account_id" AND n."lf_is_current" = 1);

DELETE FROM "zdm__control_parameters" WHERE "entity" = 'accounts' AND "parameter" = 'key_sweep_runs';

INSERT INTO "zdm__control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('accounts', 'key_sweep_runs', '0', '2026-06-30 01:02:03.456');


-- ==== currentTable: warehouse (sqlite) ====
-- "cur__accounts" gets the current rows in the load's transaction, before its COMMIT: a reader sees the old rows or the new ones

DELETE FROM "cur__accounts";

INSERT INTO "cur__accounts" ("account_id", "name")
SELECT "account_id", "name"
FROM "psg__accounts"
WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0;

COMMIT;

-- entity "prices"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== setup: warehouse (sqlite) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- opens the load's transaction: setup, stage, checks and change set run in it, so a load that fails leaves none of them

BEGIN;

CREATE TABLE IF NOT EXISTS "psg__prices" (
  "sku" TEXT NOT NULL,
  "price" NUMERIC NULL,
  "lf_row_hash" TEXT NOT NULL,
  "lf_valid_from" TEXT NOT NULL,
  "lf_valid_to" TEXT NULL,
  "lf_is_current" INTEGER NOT NULL,
  "lf_is_deleted" INTEGER NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm__control_parameters" (
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "value" TEXT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm__row_hash_schemes" (
  "entity" TEXT NOT NULL,
  "scheme" TEXT NOT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm__control_parameter_history" (
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "old_value" TEXT NULL,
  "new_value" TEXT NULL,
  "run_id" TEXT NULL,
  "changed_at" TEXT NOT NULL,
  "changed_by" TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm__run_log" (
  "run_id" TEXT NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" TEXT NOT NULL,
  "started_at" TEXT NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_run_log" (
  "run_id" TEXT NOT NULL,
  "entity" TEXT NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TEXT NOT NULL,
  "mode" TEXT NOT NULL,
  "rows_read" BIGINT NOT NULL,
  "rows_written" BIGINT NOT NULL,
  "rows_per_second" BIGINT NOT NULL,
  "bytes_landed" BIGINT NOT NULL,
  "files" BIGINT NOT NULL,
  "file_bytes_min" BIGINT NOT NULL,
  "file_bytes_median" BIGINT NOT NULL,
  "file_bytes_max" BIGINT NOT NULL,
  "small_files" BIGINT NOT NULL,
  "small_file_bytes" BIGINT NOT NULL,
  "skew" NUMERIC NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" TEXT NULL,
  "watermark_before" TEXT NULL,
  "watermark_after" TEXT NULL,
  "previous_success_at" TEXT NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_run_watermarks" (
  "run_id" TEXT NOT NULL,
  "entity" TEXT NOT NULL,
  "parameter" TEXT NOT NULL,
  "watermark_before" TEXT NULL,
  "watermark_after" TEXT NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm__entity_columns" (
  "entity" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" TEXT NOT NULL,
  "column_type" TEXT NOT NULL,
  "updated_at" TEXT NOT NULL,
  PRIMARY KEY ("entity", "position")
);

CREATE INDEX IF NOT EXISTS "psg__prices__lf_key" ON "psg__prices" ("sku", "lf_is_current");


-- ==== stage: warehouse (sqlite) ====
-- each landed file's rows are inserted in batches

DROP TABLE IF EXISTS "temp__prices_delta";

DROP TABLE IF EXISTS "temp__prices";

CREATE TABLE "temp__prices" (
  "sku" TEXT NULL,
  "price" NUMERIC NULL
);

CREATE INDEX IF NOT EXISTS "temp__prices__lf_key" ON "temp__prices" ("sku");


-- ==== changeSet: warehouse (sqlite) ====
-- compares the staged rows with the current versions by business key and row hash

SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg__prices" WHERE "lf_is_current" = 1) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp__prices_delta";

CREATE TABLE "temp__prices_delta" AS
SELECT CASE WHEN s."sku" IS NULL THEN p."sku" ELSE s."sku" END AS "sku",
       s."price" AS "price",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."sku" IS NULL THEN 'D' WHEN p."sku" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, CASE WHEN s."sku" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."sku" AS TEXT)) AS TEXT) || ':' || CAST(s."sku" AS TEXT) END || CASE WHEN s."price" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."price" AS TEXT)) AS TEXT) || ':' || CAST(s."price" AS TEXT) END AS "lf_row_hash" FROM "temp__prices" AS s) AS s
FULL OUTER JOIN (SELECT "sku", "lf_row_hash" FROM "psg__prices" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p ON s."sku" = p."sku"
WHERE s."sku" IS NULL OR p."sku" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp__prices";

ALTER TABLE "temp__prices_delta" RENAME TO "temp__prices";

CREATE INDEX IF NOT EXISTS "temp__prices__lf_key" ON "temp__prices" ("sku");


-- ==== checks: warehouse (sqlite) ====
-- each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported

SELECT c."affected", c."current_rows", 1 AS "lf_failing"
FROM (SELECT (SELECT COUNT(*) FROM "temp__prices" WHERE "lf_change_operation" = 'D') AS "affected", (SELECT COUNT(*) FROM (SELECT * FROM "psg__prices" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p) AS "current_rows") AS c
WHERE c."affected" > 0 AND c."affected" * 100 > c."current_rows" * 50;


-- ==== persist: warehouse (sqlite) ====
-- ends the load's transaction: new versions, closed versions, the watermark and its ledger row, the run metrics, then COMMIT

UPDATE "psg__prices" AS p
SET "lf_row_hash" = CASE WHEN p."sku" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."sku" AS TEXT)) AS TEXT) || ':' || CAST(p."sku" AS TEXT) END || CASE WHEN p."price" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(p."price" AS TEXT)) AS TEXT) || ':' || CAST(p."price" AS TEXT) END
WHERE p."lf_is_current" = 1
  AND NOT EXISTS (SELECT 1 FROM "zdm__row_hash_schemes" AS h WHERE h."entity" = 'prices' AND h."scheme" = 'text/1' || '/columns:f2af33922a2c5d60');

DELETE FROM "zdm__row_hash_schemes" WHERE "entity" = 'prices';

INSERT INTO "zdm__row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('prices', 'text/1' || '/columns:f2af33922a2c5d60', '2026-06-30 01:02:03.456');

UPDATE "psg__prices" AS p
SET "lf_valid_to" = '2026-06-30 01:02:03.456', "lf_is_current" = 0
WHERE p."lf_is_current" = 1
  AND EXISTS (SELECT 1 FROM "temp__prices" AS c WHERE c."sku" = p."sku"
    AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = 0) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = 1 OR p."lf_row_hash" <> c."lf_row_hash"))));

INSERT INTO "psg__prices" ("sku", "price", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."sku", p."price", p."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 1, 42
FROM "psg__prices" AS p
WHERE p."lf_valid_to" = '2026-06-30 01:02:03.456' AND p."lf_is_current" = 0 AND p."lf_is_deleted" = 0
  AND EXISTS (SELECT 1 FROM "temp__prices" AS c WHERE c."sku" = p."sku" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg__prices" AS n WHERE n."sku" = p."sku" AND n."lf_is_current" = 1);

INSERT INTO "psg__prices" ("sku", "price", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."sku", c."price", c."lf_row_hash", '2026-06-30 01:02:03.456', NULL, 1, 0, 42
FROM "temp__prices" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg__prices" AS p WHERE p."sku" = c."sku" AND p."lf_is_current" = 1);

DELETE FROM "zdm__entity_columns" WHERE "entity" = 'prices';

INSERT INTO "zdm__entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('prices', 1, 'sku', 'string(20)', '2026-06-30 01:02:03.456'),
('prices', 2, 'price', 'decimal(10,2)', '2026-06-30 01:02:03.456'),
('prices', -1, 'sku', 'business key', '2026-06-30 01:02:03.456');

COMMIT;
