-- ===== full: Order "Line's =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."Order ""Line's" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "stage"."Order ""Line's_delta";

CREATE TABLE "stage"."Order ""Line's_delta" AS
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
FROM (SELECT s.*, hash(s."order_id", s."line no", s."product", s."weird ""col"" [x] `y`", s."amount", s."is_gift", s."source_system", s."load_batch") AS "lf_row_hash" FROM "stage"."Order ""Line's" AS s) AS s
FULL OUTER JOIN (SELECT "order_id", "line no", "lf_row_hash" FROM "psg"."Order ""Line's" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p ON s."order_id" = p."order_id" AND s."line no" = p."line no"
WHERE s."order_id" IS NULL OR p."order_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "stage"."Order ""Line's";

ALTER TABLE "stage"."Order ""Line's_delta" RENAME TO "Order ""Line's";

-- ===== incremental: customer =====
-- the incremental extract delivers a change set: no comparison with persistent staging

-- ===== incremental, first run: customer =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."customer" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "stage"."customer_delta";

CREATE TABLE "stage"."customer_delta" AS
SELECT CASE WHEN s."customer_id" IS NULL THEN p."customer_id" ELSE s."customer_id" END AS "customer_id",
       s."name" AS "name",
       s."modified_at" AS "modified_at",
       s."row_version" AS "row_version",
       s."balance" AS "balance",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."customer_id" IS NULL THEN 'D' WHEN p."customer_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash(s."customer_id", s."name", s."modified_at", s."row_version", s."balance") AS "lf_row_hash" FROM "stage"."customer" AS s) AS s
FULL OUTER JOIN (SELECT "customer_id", "lf_row_hash" FROM "psg"."customer" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p ON s."customer_id" = p."customer_id"
WHERE s."customer_id" IS NOT NULL AND (p."customer_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash");

DROP TABLE IF EXISTS "stage"."customer";

ALTER TABLE "stage"."customer_delta" RENAME TO "customer";

-- ===== dateRange (date): shipment =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."shipment" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "stage"."shipment_delta";

CREATE TABLE "stage"."shipment_delta" AS
SELECT CASE WHEN s."shipment_id" IS NULL THEN p."shipment_id" ELSE s."shipment_id" END AS "shipment_id",
       s."ship_date" AS "ship_date",
       s."carrier" AS "carrier",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."shipment_id" IS NULL THEN 'D' WHEN p."shipment_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash(s."shipment_id", s."ship_date", s."carrier") AS "lf_row_hash" FROM "stage"."shipment" AS s) AS s
FULL OUTER JOIN (SELECT "shipment_id", "lf_row_hash" FROM "psg"."shipment" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE AND "ship_date" >= DATE '2026-06-23' AND "ship_date" <= DATE '2026-06-30') AS p ON s."shipment_id" = p."shipment_id"
WHERE s."shipment_id" IS NULL OR p."shipment_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "stage"."shipment";

ALTER TABLE "stage"."shipment_delta" RENAME TO "shipment";

-- ===== dateRange (datetime): event =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."event" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "stage"."event_delta";

CREATE TABLE "stage"."event_delta" AS
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
FROM (SELECT s.*, hash(s."event_id", s."event_time", s."recorded_at", s."start", s."score", s."ratio", s."kind", s."raw") AS "lf_row_hash" FROM "stage"."event" AS s) AS s
FULL OUTER JOIN (SELECT "event_id", "lf_row_hash" FROM "psg"."event" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE AND "event_time" >= TIMESTAMP '2026-06-27 00:00:00' AND "event_time" < TIMESTAMP '2026-07-01 00:00:00') AS p ON s."event_id" = p."event_id"
WHERE s."event_id" IS NULL OR p."event_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "stage"."event";

ALTER TABLE "stage"."event_delta" RENAME TO "event";

-- ===== changeTracking: account =====
-- the changes extract delivers a change set: no comparison with persistent staging

-- ===== changeTracking, expired version: account =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg"."account" WHERE "lf_is_current" = TRUE) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "stage"."account_delta";

CREATE TABLE "stage"."account_delta" AS
SELECT CASE WHEN s."account_id" IS NULL THEN p."account_id" ELSE s."account_id" END AS "account_id",
       s."account_name" AS "account_name",
       s."balance" AS "balance",
       s."opened_on" AS "opened_on",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."account_id" IS NULL THEN 'D' WHEN p."account_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, hash(s."account_id", s."account_name", s."balance", s."opened_on") AS "lf_row_hash" FROM "stage"."account" AS s) AS s
FULL OUTER JOIN (SELECT "account_id", "lf_row_hash" FROM "psg"."account" WHERE "lf_is_current" = TRUE AND "lf_is_deleted" = FALSE) AS p ON s."account_id" = p."account_id"
WHERE s."account_id" IS NULL OR p."account_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "stage"."account";

ALTER TABLE "stage"."account_delta" RENAME TO "account";

-- ===== multiWildCardFile: payroll =====
-- the files extract delivers a change set: no comparison with persistent staging
