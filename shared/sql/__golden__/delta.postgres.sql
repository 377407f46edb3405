-- ===== full: Order "Line's =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."Order ""Line's" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp"."Order ""Line's_delta";

CREATE UNLOGGED TABLE "temp"."Order ""Line's_delta" AS
SELECT CASE WHEN s."order_id" IS NULL THEN p."order_id" ELSE s."order_id" END AS "order_id",
       CASE WHEN s."order_id" IS NULL THEN p."line no" ELSE s."line no" END AS "line no",
       s."product" AS "product",
       s."weird ""col"" [x] `y`" AS "weird ""col"" [x] `y`",
       s."amount" AS "amount",
       s."is_gift" AS "is_gift",
       s."source_system" AS "source_system",
       s."load_batch" AS "load_batch",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."order_id" IS NULL THEN 'D' WHEN p."order_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash_record_extended(ROW(s."order_id", s."line no", s."product", s."weird ""col"" [x] `y`", s."amount", s."is_gift", s."source_system", s."load_batch"), 0) AS "lf_row_hash" FROM "temp"."Order ""Line's" AS s) AS s
FULL OUTER JOIN (SELECT "order_id", "line no", "lf_row_hash" FROM "psg"."Order ""Line's" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p ON s."order_id" = p."order_id" AND s."line no" = p."line no"
WHERE s."order_id" IS NULL OR p."order_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp"."Order ""Line's";

ALTER TABLE "temp"."Order ""Line's_delta" RENAME TO "Order ""Line's";

ANALYZE "temp"."Order ""Line's" ("order_id", "line no", "lf_change_operation");

-- ===== incremental: customer =====
-- the incremental extract delivers a change set: no comparison with persistent staging

-- ===== incremental, first run: customer =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."customer" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp"."customer_delta";

CREATE UNLOGGED TABLE "temp"."customer_delta" AS
SELECT CASE WHEN s."customer_id" IS NULL THEN p."customer_id" ELSE s."customer_id" END AS "customer_id",
       s."name" AS "name",
       s."modified_at" AS "modified_at",
       s."row_version" AS "row_version",
       s."balance" AS "balance",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."customer_id" IS NULL THEN 'D' WHEN p."customer_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash_record_extended(ROW(s."customer_id", s."name", s."modified_at", s."row_version", s."balance"), 0) AS "lf_row_hash" FROM "temp"."customer" AS s) AS s
FULL OUTER JOIN (SELECT "customer_id", "lf_row_hash" FROM "psg"."customer" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p ON s."customer_id" = p."customer_id"
WHERE s."customer_id" IS NOT NULL AND (p."customer_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash");

DROP TABLE IF EXISTS "temp"."customer";

ALTER TABLE "temp"."customer_delta" RENAME TO "customer";

ANALYZE "temp"."customer" ("customer_id", "lf_change_operation");

-- ===== dateRange (date): shipment =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."shipment" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp"."shipment_delta";

CREATE UNLOGGED TABLE "temp"."shipment_delta" AS
SELECT CASE WHEN s."shipment_id" IS NULL THEN p."shipment_id" ELSE s."shipment_id" END AS "shipment_id",
       s."ship_date" AS "ship_date",
       s."carrier" AS "carrier",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."shipment_id" IS NULL THEN 'D' WHEN p."shipment_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash_record_extended(ROW(s."shipment_id", s."ship_date", s."carrier"), 0) AS "lf_row_hash" FROM "temp"."shipment" AS s) AS s
FULL OUTER JOIN (SELECT "shipment_id", "lf_row_hash" FROM "psg"."shipment" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE AND "ship_date" >= DATE '2026-06-23' AND "ship_date" <= DATE '2026-06-30') AS p ON s."shipment_id" = p."shipment_id"
WHERE s."shipment_id" IS NULL OR p."shipment_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp"."shipment";

ALTER TABLE "temp"."shipment_delta" RENAME TO "shipment";

ANALYZE "temp"."shipment" ("shipment_id", "lf_change_operation");

-- ===== dateRange (datetime): event =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."event" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp"."event_delta";

CREATE UNLOGGED TABLE "temp"."event_delta" AS
SELECT CASE WHEN s."event_id" IS NULL THEN p."event_id" ELSE s."event_id" END AS "event_id",
       s."event_time" AS "event_time",
       s."recorded_at" AS "recorded_at",
       s."start" AS "start",
       s."score" AS "score",
       s."ratio" AS "ratio",
       s."kind" AS "kind",
       s."raw" AS "raw",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."event_id" IS NULL THEN 'D' WHEN p."event_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash_record_extended(ROW(s."event_id", s."event_time", s."recorded_at", s."start", s."score", s."ratio", s."kind", s."raw"), 0) AS "lf_row_hash" FROM "temp"."event" AS s) AS s
FULL OUTER JOIN (SELECT "event_id", "lf_row_hash" FROM "psg"."event" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE AND "event_time" >= TIMESTAMP '2026-06-27 00:00:00' AND "event_time" < TIMESTAMP '2026-07-01 00:00:00') AS p ON s."event_id" = p."event_id"
WHERE s."event_id" IS NULL OR p."event_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp"."event";

ALTER TABLE "temp"."event_delta" RENAME TO "event";

ANALYZE "temp"."event" ("event_id", "lf_change_operation");

-- ===== changeTracking: account =====
-- the changes extract delivers a change set: no comparison with persistent staging

-- ===== changeTracking, expired version: account =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."account" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp"."account_delta";

CREATE UNLOGGED TABLE "temp"."account_delta" AS
SELECT CASE WHEN s."account_id" IS NULL THEN p."account_id" ELSE s."account_id" END AS "account_id",
       s."account_name" AS "account_name",
       s."balance" AS "balance",
       s."opened_on" AS "opened_on",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."account_id" IS NULL THEN 'D' WHEN p."account_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash_record_extended(ROW(s."account_id", s."account_name", s."balance", s."opened_on"), 0) AS "lf_row_hash" FROM "temp"."account" AS s) AS s
FULL OUTER JOIN (SELECT "account_id", "lf_row_hash" FROM "psg"."account" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p ON s."account_id" = p."account_id"
WHERE s."account_id" IS NULL OR p."account_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp"."account";

ALTER TABLE "temp"."account_delta" RENAME TO "account";

ANALYZE "temp"."account" ("account_id", "lf_change_operation");

-- ===== multiWildCardFile: payroll =====
-- the files extract delivers a change set: no comparison with persistent staging
