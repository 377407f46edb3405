-- entity "orders"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (postgres) ====
-- the key sweep: only the business keys of the source, landed in orders__keys/Latest and staged in "temp"."orders__keys"; current rows whose key is gone are marked deleted in persist

SELECT "order_id"
FROM "sales"."orders";


-- ==== setup: warehouse (postgres) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- opens the load's transaction: setup, stage, checks and change set run in it, so a load that fails leaves none of them

BEGIN;

CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."orders" (
  "order_id" BIGINT NOT NULL,
  "status" VARCHAR(10) NULL,
  "amount" NUMERIC(12,2) NULL,
  "changed_at" TIMESTAMP(6) NULL,
  "lf_row_hash" BIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP(6) NOT NULL,
  "lf_valid_to" TIMESTAMP(6) NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "value" VARCHAR(400) NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR(400) NOT NULL,
  "scheme" VARCHAR(400) NOT NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "old_value" VARCHAR(400) NULL,
  "new_value" VARCHAR(400) NULL,
  "run_id" VARCHAR(400) NULL,
  "changed_at" TIMESTAMP(6) NOT NULL,
  "changed_by" VARCHAR(400) NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR(400) NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR(400) NOT NULL,
  "started_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR(400) NOT NULL,
  "entity" VARCHAR(400) NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP(6) NOT NULL,
  "mode" VARCHAR(400) NOT NULL,
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
  "skew" NUMERIC(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR(400) NULL,
  "watermark_before" VARCHAR(400) NULL,
  "watermark_after" VARCHAR(400) NULL,
  "previous_success_at" TIMESTAMP(6) NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR(400) NOT NULL,
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "watermark_before" VARCHAR(400) NULL,
  "watermark_after" VARCHAR(400) NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR(400) NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR(400) NOT NULL,
  "column_type" VARCHAR(400) NOT NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity", "position")
);

CREATE INDEX IF NOT EXISTS "orders__lf_key" ON "psg"."orders" ("order_id", "lf_is_current");

CREATE SCHEMA IF NOT EXISTS "cur";

CREATE TABLE IF NOT EXISTS "cur"."orders_now" (
  "order_id" BIGINT NOT NULL,
  "status" VARCHAR(10) NULL,
  "amount" NUMERIC(12,2) NULL,
  "changed_at" TIMESTAMP(6) NULL
);


-- ==== stage: warehouse (postgres) ====
DROP TABLE IF EXISTS "temp"."orders_delta";

DROP TABLE IF EXISTS "temp"."orders";

CREATE UNLOGGED TABLE "temp"."orders" (
  "order_id" BIGINT NULL,
  "status" VARCHAR(10) NULL,
  "amount" NUMERIC(12,2) NULL,
  "changed_at" TIMESTAMP(6) NULL,
  "lf_change_operation" CHAR(1) NOT NULL
);

-- file: "/data/lake/x/Latest/x_000000000001.csv.zst"
COPY "temp"."orders" ("order_id", "status", "amount", "changed_at", "lf_change_operation") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');

DROP TABLE IF EXISTS "temp"."orders__keys_delta";

DROP TABLE IF EXISTS "temp"."orders__keys";

CREATE UNLOGGED TABLE "temp"."orders__keys" (
  "order_id" BIGINT NULL
);

-- file: "/data/lake/x__keys/Latest/x__keys_000000000001.csv.zst"
COPY "temp"."orders__keys" ("order_id") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');


-- ==== changeSet: warehouse (postgres) ====
-- the incremental extract delivers a change set: no comparison with persistent staging


-- ==== checks: warehouse (postgres) ====
-- each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported

SELECT r."rows_extracted", 1 AS "lf_failing"
FROM (SELECT 1234 AS "rows_extracted") AS r
WHERE r."rows_extracted" < 1 OR r."rows_extracted" > 1000000;

SELECT c."affected", c."current_rows", 1 AS "lf_failing"
FROM (SELECT (SELECT COUNT(*) FROM "temp"."orders" AS s WHERE s."lf_change_operation" = 'D' AND EXISTS (SELECT 1 FROM (SELECT * FROM "psg"."orders" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p WHERE p."order_id" = s."order_id")) + (SELECT COUNT(*) FROM (SELECT * FROM "psg"."orders" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p WHERE NOT EXISTS (SELECT 1 FROM "temp"."orders__keys" AS k WHERE k."order_id" = p."order_id")) AS "affected", (SELECT COUNT(*) FROM (SELECT * FROM "psg"."orders" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p) AS "current_rows") AS c
WHERE c."affected" > 0 AND c."affected" * 100 > c."current_rows" * 20;

SELECT c."affected", c."current_rows", 1 AS "lf_failing"
FROM (SELECT (SELECT COUNT(*) FROM "temp"."orders" AS s WHERE EXISTS (SELECT 1 FROM (SELECT * FROM "psg"."orders" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p WHERE p."order_id" = s."order_id")) + (SELECT COUNT(*) FROM (SELECT * FROM "psg"."orders" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p WHERE NOT EXISTS (SELECT 1 FROM "temp"."orders__keys" AS k WHERE k."order_id" = p."order_id")) AS "affected", (SELECT COUNT(*) FROM (SELECT * FROM "psg"."orders" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p) AS "current_rows") AS c
WHERE c."affected" > 0 AND c."affected" * 100 > c."current_rows" * 80;

SELECT s."order_id", s."status", COUNT(*) OVER () AS "lf_failing"
FROM (SELECT * FROM "temp"."orders" WHERE "lf_change_operation" <> 'D') AS s
WHERE s."status" IS NULL
LIMIT 10;

SELECT "order_id", "status", COUNT(*) AS "copies", COUNT(*) OVER () AS "lf_failing"
FROM (SELECT "order_id", "status" FROM (SELECT * FROM "temp"."orders" WHERE "lf_change_operation" <> 'D') AS s
  UNION ALL
  SELECT p."order_id", p."status" FROM (SELECT * FROM "psg"."orders" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p WHERE NOT EXISTS (SELECT 1 FROM "temp"."orders" AS s WHERE s."order_id" = p."order_id")) AS a
GROUP BY "order_id", "status"
HAVING COUNT(*) > 1
LIMIT 10;

SELECT s."order_id", s."status", COUNT(*) OVER () AS "lf_failing"
FROM (SELECT * FROM "temp"."orders" WHERE "lf_change_operation" <> 'D') AS s
WHERE s."status" IS NOT NULL AND s."status" NOT IN ('open', 'shipped', 'it''s done')
LIMIT 10;

SELECT q.*, COUNT(*) OVER () AS "lf_failing"
FROM (
SELECT order_id, amount FROM (SELECT * FROM "temp"."orders" WHERE "lf_change_operation" <> 'D') AS s WHERE s.amount < 0
) AS q
LIMIT 10;


-- ==== persist: warehouse (postgres) ====
-- ends the load's transaction: new versions, closed versions, the watermark and its ledger row, the run metrics, then COMMIT

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."orders" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."order_id", p."status", p."amount", p."changed_at"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'orders' AND h."scheme" = 'hash_record_extended/1' || '/columns:99acc10f256b38d9');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'orders';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('orders', 'hash_record_extended/1' || '/columns:99acc10f256b38d9', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."orders" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."orders" AS c
WHERE c."order_id" = p."order_id" AND p."lf_is_current" = TRUE
  AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = FALSE) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> hash_record_extended(ROW(c."order_id", c."status", c."amount", c."changed_at"), 0))));

INSERT INTO "psg"."orders" ("order_id", "status", "amount", "changed_at", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."order_id", p."status", p."amount", p."changed_at", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."orders" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND EXISTS (SELECT 1 FROM "temp"."orders" AS c WHERE c."order_id" = p."order_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg"."orders" AS n WHERE n."order_id" = p."order_id" AND n."lf_is_current" = TRUE);

INSERT INTO "psg"."orders" ("order_id", "status", "amount", "changed_at", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."order_id", c."status", c."amount", c."changed_at", hash_record_extended(ROW(c."order_id", c."status", c."amount", c."changed_at"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."orders" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."orders" AS p WHERE p."order_id" = c."order_id" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'orders' AND "parameter" = 'changed_at' AND EXISTS (SELECT CAST(MAX("changed_at") AS TEXT) AS "value" FROM "psg"."orders" HAVING MAX("changed_at") IS NOT NULL);

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
SELECT 'orders', 'changed_at', v."value", TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX("changed_at") AS TEXT) AS "value" FROM "psg"."orders" HAVING MAX("changed_at") IS NOT NULL) AS v;

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'orders', 'changed_at', '2026-06-29 23:30:00.123456', v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX("changed_at") AS TEXT) AS "value" FROM "psg"."orders" HAVING MAX("changed_at") IS NOT NULL) AS v
WHERE (v."value" IS NULL OR v."value" <> '2026-06-29 23:30:00.123456');

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'orders';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('orders', 1, 'order_id', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('orders', 2, 'status', 'string(10)', TIMESTAMP '2026-06-30 01:02:03.456'),
('orders', 3, 'amount', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('orders', 4, 'changed_at', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('orders', -1, 'order_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."orders" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
WHERE p."lf_is_current" = TRUE AND p."lf_is_deleted" = FALSE
  AND NOT EXISTS (SELECT 1 FROM "temp"."orders__keys" AS k WHERE k."order_id" = p."order_id")
  AND NOT EXISTS (SELECT 1 FROM "temp"."orders" AS c WHERE c."order_id" = p."order_id");

INSERT INTO "psg"."orders" ("order_id", "status", "amount", "changed_at", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."order_id", p."status", p."amount", p."changed_at", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."orders" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND NOT EXISTS (SELECT 1 FROM "temp"."orders__keys" AS k WHERE k."order_id" = p."order_id")
  AND NOT EXISTS (SELECT 1 FROM "temp"."orders" AS c WHERE c."order_id" = p."order_id")
  AND NOT EXISTS (SELECT 1 FROM "psg"."orders" AS n WHERE n."order_id" = p."order_id" AND n."lf_is_current" = TRUE);


-- ==== currentTable: warehouse (postgres) ====
-- "cur"."orders_now" gets the current rows in the load's transaction, before its COMMIT: a reader sees the old rows or the new ones

DELETE FROM "cur"."orders_now";

INSERT INTO "cur"."orders_now" ("order_id", "status", "amount", "changed_at")
SELECT "order_id", "status", "amount", "changed_at"
FROM "psg"."orders"
WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE;

COMMIT;

-- entity "accounts"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (tsql) ====
-- the key sweep: only the business keys of the source, landed in accounts__keys/Latest and staged in "temp"."accounts__keys"; current rows whose key is gone are marked deleted in persist

SELECT [account_id]
FROM [dbo].[accounts];


-- ==== setup: warehouse (postgres) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- opens the load's transaction: setup, stage, checks and change set run in it, so a load that fails leaves none of them

BEGIN;

CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."accounts" (
  "account_id" INTEGER NOT NULL,
  "name" VARCHAR(100) NULL,
  "lf_row_hash" BIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP(6) NOT NULL,
  "lf_valid_to" TIMESTAMP(6) NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "value" VARCHAR(400) NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR(400) NOT NULL,
  "scheme" VARCHAR(400) NOT NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "old_value" VARCHAR(400) NULL,
  "new_value" VARCHAR(400) NULL,
  "run_id" VARCHAR(400) NULL,
  "changed_at" TIMESTAMP(6) NOT NULL,
  "changed_by" VARCHAR(400) NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR(400) NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR(400) NOT NULL,
  "started_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR(400) NOT NULL,
  "entity" VARCHAR(400) NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP(6) NOT NULL,
  "mode" VARCHAR(400) NOT NULL,
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
  "skew" NUMERIC(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR(400) NULL,
  "watermark_before" VARCHAR(400) NULL,
  "watermark_after" VARCHAR(400) NULL,
  "previous_success_at" TIMESTAMP(6) NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR(400) NOT NULL,
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "watermark_before" VARCHAR(400) NULL,
  "watermark_after" VARCHAR(400) NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR(400) NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR(400) NOT NULL,
  "column_type" VARCHAR(400) NOT NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity", "position")
);

CREATE INDEX IF NOT EXISTS "accounts__lf_key" ON "psg"."accounts" ("account_id", "lf_is_current");

CREATE SCHEMA IF NOT EXISTS "cur";

CREATE TABLE IF NOT EXISTS "cur"."accounts" (
  "account_id" INTEGER NOT NULL,
  "name" VARCHAR(100) NULL
);


-- ==== stage: warehouse (postgres) ====
DROP TABLE IF EXISTS "temp"."accounts_delta";

DROP TABLE IF EXISTS "temp"."accounts";

CREATE UNLOGGED TABLE "temp"."accounts" (
  "account_id" INTEGER NULL,
  "name" VARCHAR(100) NULL,
  "lf_change_operation" CHAR(1) NOT NULL
);

-- file: "/data/lake/x/Latest/x_000000000001.csv.zst"
COPY "temp"."accounts" ("account_id", "name", "lf_change_operation") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');

DROP TABLE IF EXISTS "temp"."accounts__keys_delta";

DROP TABLE IF EXISTS "temp"."accounts__keys";

CREATE UNLOGGED TABLE "temp"."accounts__keys" (
  "account_id" INTEGER NULL
);

-- file: "/data/lake/x__keys/Latest/x__keys_000000000001.csv.zst"
COPY "temp"."accounts__keys" ("account_id") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');


-- ==== changeSet: warehouse (postgres) ====
-- the changes extract delivers a change set: no comparison with persistent staging


-- ==== persist: warehouse (postgres) ====
-- ends the load's transaction: new versions, closed versions, the watermark and its ledger row, the run metrics, then COMMIT

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."accounts" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."account_id", p."name"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'accounts' AND h."scheme" = 'hash_record_extended/1' || '/columns:757acfe188c350c3');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'accounts';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('accounts', 'hash_record_extended/1' || '/columns:757acfe188c350c3', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."accounts" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."accounts" AS c
WHERE c."account_id" = p."account_id" AND p."lf_is_current" = TRUE
  AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = FALSE) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> hash_record_extended(ROW(c."account_id", c."name"), 0))));

INSERT INTO "psg"."accounts" ("account_id", "name", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."account_id", p."name", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."accounts" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND EXISTS (SELECT 1 FROM "temp"."accounts" AS c WHERE c."account_id" = p."account_id" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg"."accounts" AS n WHERE n."account_id" = p."account_id" AND n."lf_is_current" = TRUE);

INSERT INTO "psg"."accounts" ("account_id", "name", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."account_id", c."name", hash_record_extended(ROW(c."account_id", c."name"), 0), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."accounts" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."accounts" AS p WHERE p."account_id" = c."account_id" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'accounts' AND "parameter" = 'change_tracking_version';

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('accounts', 'change_tracking_version', '250', TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO "zdm"."control_parameter_history" ("entity", "parameter", "old_value", "new_value", "run_id", "changed_at", "changed_by")
SELECT 'accounts', 'change_tracking_version', '100', v."value", 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS "value") AS v
WHERE (v."value" IS NULL OR v."value" <> '100');

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'accounts';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('accounts', 1, 'account_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('accounts', 2, 'name', 'string(100)', TIMESTAMP '2026-06-30 01:02:03.456'),
('accounts', -1, 'account_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."accounts" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
WHERE p."lf_is_current" = TRUE AND p."lf_is_deleted" = FALSE
  AND NOT EXISTS (SELECT 1 FROM "temp"."accounts__keys" AS k WHERE k."account_id" = p."account_id")
  AND NOT EXISTS (SELECT 1 FROM "temp"."accounts" AS c WHERE c."account_id" = p."account_id");

INSERT INTO "psg"."accounts" ("account_id", "name", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."account_id", p."name", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."accounts" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND NOT EXISTS (SELECT 1 FROM "temp"."accounts__keys" AS k WHERE k."account_id" = p."account_id")
  AND NOT EXISTS (SELECT 1 FROM "temp"."accounts" AS c WHERE c."account_id" = p."account_id")
  AND NOT EXISTS (SELECT 1 FROM "psg"."accounts" AS n WHERE n."account_id" = p."account_id" AND n."lf_is_current" = TRUE);

DELETE FROM "zdm"."control_parameters" WHERE "entity" = 'accounts' AND "parameter" = 'key_sweep_runs';

INSERT INTO "zdm"."control_parameters" ("entity", "parameter", "value", "updated_at")
VALUES ('accounts', 'key_sweep_runs', '0', TIMESTAMP '2026-06-30 01:02:03.456');


-- ==== currentTable: warehouse (postgres) ====
-- "cur"."accounts" gets the current rows in the load's transaction, before its COMMIT: a reader sees the old rows or the new ones

DELETE FROM "cur"."accounts";

INSERT INTO "cur"."accounts" ("account_id", "name")
SELECT "account_id", "name"
FROM "psg"."accounts"
WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE;

COMMIT;

-- entity "prices"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== setup: warehouse (postgres) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- opens the load's transaction: setup, stage, checks and change set run in it, so a load that fails leaves none of them

BEGIN;

CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."prices" (
  "sku" VARCHAR(20) NOT NULL,
  "price" NUMERIC(10,2) NULL,
  "lf_row_hash" BIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP(6) NOT NULL,
  "lf_valid_to" TIMESTAMP(6) NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "value" VARCHAR(400) NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR(400) NOT NULL,
  "scheme" VARCHAR(400) NOT NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "old_value" VARCHAR(400) NULL,
  "new_value" VARCHAR(400) NULL,
  "run_id" VARCHAR(400) NULL,
  "changed_at" TIMESTAMP(6) NOT NULL,
  "changed_by" VARCHAR(400) NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR(400) NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR(400) NOT NULL,
  "started_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR(400) NOT NULL,
  "entity" VARCHAR(400) NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP(6) NOT NULL,
  "mode" VARCHAR(400) NOT NULL,
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
  "skew" NUMERIC(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR(400) NULL,
  "watermark_before" VARCHAR(400) NULL,
  "watermark_after" VARCHAR(400) NULL,
  "previous_success_at" TIMESTAMP(6) NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR(400) NOT NULL,
  "entity" VARCHAR(400) NOT NULL,
  "parameter" VARCHAR(400) NOT NULL,
  "watermark_before" VARCHAR(400) NULL,
  "watermark_after" VARCHAR(400) NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR(400) NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR(400) NOT NULL,
  "column_type" VARCHAR(400) NOT NULL,
  "updated_at" TIMESTAMP(6) NOT NULL,
  PRIMARY KEY ("entity", "position")
);

CREATE INDEX IF NOT EXISTS "prices__lf_key" ON "psg"."prices" ("sku", "lf_is_current");


-- ==== stage: warehouse (postgres) ====
DROP TABLE IF EXISTS "temp"."prices_delta";

DROP TABLE IF EXISTS "temp"."prices";

CREATE UNLOGGED TABLE "temp"."prices" (
  "sku" VARCHAR(20) NULL,
  "price" NUMERIC(10,2) NULL
);

-- file: "/data/lake/x/Latest/x_000000000001.csv.zst"
COPY "temp"."prices" ("sku", "price") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');


-- ==== changeSet: warehouse (postgres) ====
-- compares the staged rows with the current versions by business key and row hash

SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."prices" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp"."prices_delta";

CREATE UNLOGGED TABLE "temp"."prices_delta" AS
SELECT CASE WHEN s."sku" IS NULL THEN p."sku" ELSE s."sku" END AS "sku",
       s."price" AS "price",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."sku" IS NULL THEN 'D' WHEN p."sku" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash_record_extended(ROW(s."sku", s."price"), 0) AS "lf_row_hash" FROM "temp"."prices" AS s) AS s
FULL OUTER JOIN (SELECT "sku", "lf_row_hash" FROM "psg"."prices" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p ON s."sku" = p."sku"
WHERE s."sku" IS NULL OR p."sku" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp"."prices";

ALTER TABLE "temp"."prices_delta" RENAME TO "prices";

ANALYZE "temp"."prices" ("sku", "lf_change_operation");


-- ==== checks: warehouse (postgres) ====
-- each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported

SELECT c."affected", c."current_rows", 1 AS "lf_failing"
FROM (SELECT (SELECT COUNT(*) FROM "temp"."prices" WHERE "lf_change_operation" = 'D') AS "affected", (SELECT COUNT(*) FROM (SELECT * FROM "psg"."prices" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p) AS "current_rows") AS c
WHERE c."affected" > 0 AND c."affected" * 100 > c."current_rows" * 50;


-- ==== persist: warehouse (postgres) ====
-- ends the load's transaction: new versions, closed versions, the watermark and its ledger row, the run metrics, then COMMIT

SELECT set_config('random_page_cost', CAST(LEAST(CAST(current_setting('random_page_cost') AS DOUBLE PRECISION), 1.1) AS TEXT), true);

UPDATE "psg"."prices" AS p
SET "lf_row_hash" = hash_record_extended(ROW(p."sku", p."price"), 0)
WHERE p."lf_is_current" = TRUE
  AND NOT EXISTS (SELECT 1 FROM "zdm"."row_hash_schemes" AS h WHERE h."entity" = 'prices' AND h."scheme" = 'hash_record_extended/1' || '/columns:f2af33922a2c5d60');

DELETE FROM "zdm"."row_hash_schemes" WHERE "entity" = 'prices';

INSERT INTO "zdm"."row_hash_schemes" ("entity", "scheme", "updated_at")
VALUES ('prices', 'hash_record_extended/1' || '/columns:f2af33922a2c5d60', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE "psg"."prices" AS p
SET "lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456', "lf_is_current" = FALSE
FROM "temp"."prices" AS c
WHERE c."sku" = p."sku" AND p."lf_is_current" = TRUE
  AND ((c."lf_change_operation" = 'D' AND p."lf_is_deleted" = FALSE) OR (c."lf_change_operation" <> 'D' AND (p."lf_is_deleted" = TRUE OR p."lf_row_hash" <> c."lf_row_hash")));

INSERT INTO "psg"."prices" ("sku", "price", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT p."sku", p."price", p."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM "psg"."prices" AS p
WHERE p."lf_valid_to" = TIMESTAMP '2026-06-30 01:02:03.456' AND p."lf_is_current" = FALSE AND p."lf_is_deleted" = FALSE
  AND EXISTS (SELECT 1 FROM "temp"."prices" AS c WHERE c."sku" = p."sku" AND c."lf_change_operation" = 'D')
  AND NOT EXISTS (SELECT 1 FROM "psg"."prices" AS n WHERE n."sku" = p."sku" AND n."lf_is_current" = TRUE);

INSERT INTO "psg"."prices" ("sku", "price", "lf_row_hash", "lf_valid_from", "lf_valid_to", "lf_is_current", "lf_is_deleted", "lf_batch_id")
SELECT c."sku", c."price", c."lf_row_hash", TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM "temp"."prices" AS c
WHERE c."lf_change_operation" <> 'D' AND NOT EXISTS (SELECT 1 FROM "psg"."prices" AS p WHERE p."sku" = c."sku" AND p."lf_is_current" = TRUE);

DELETE FROM "zdm"."entity_columns" WHERE "entity" = 'prices';

INSERT INTO "zdm"."entity_columns" ("entity", "position", "column_name", "column_type", "updated_at") VALUES
('prices', 1, 'sku', 'string(20)', TIMESTAMP '2026-06-30 01:02:03.456'),
('prices', 2, 'price', 'decimal(10,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('prices', -1, 'sku', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;
