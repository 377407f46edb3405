-- ===== full: Order "Line's =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg__Order ""Line's" WHERE "lf_is_current" = 1) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp__Order ""Line's_delta";

CREATE TABLE "temp__Order ""Line's_delta" AS
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
FROM (SELECT s.*, CASE WHEN s."order_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."order_id" AS TEXT)) AS TEXT) || ':' || CAST(s."order_id" AS TEXT) END || CASE WHEN s."line no" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."line no" AS TEXT)) AS TEXT) || ':' || CAST(s."line no" AS TEXT) END || CASE WHEN s."product" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."product" AS TEXT)) AS TEXT) || ':' || CAST(s."product" AS TEXT) END || CASE WHEN s."weird ""col"" [x] `y`" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."weird ""col"" [x] `y`" AS TEXT)) AS TEXT) || ':' || CAST(s."weird ""col"" [x] `y`" AS TEXT) END || CASE WHEN s."amount" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."amount" AS TEXT)) AS TEXT) || ':' || CAST(s."amount" AS TEXT) END || CASE WHEN s."is_gift" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."is_gift" AS TEXT)) AS TEXT) || ':' || CAST(s."is_gift" AS TEXT) END || CASE WHEN s."source_system" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."source_system" AS TEXT)) AS TEXT) || ':' || CAST(s."source_system" AS TEXT) END || CASE WHEN s."load_batch" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."load_batch" AS TEXT)) AS TEXT) || ':' || CAST(s."load_batch" AS TEXT) END AS "lf_row_hash" FROM "temp__Order ""Line's" AS s) AS s
FULL OUTER JOIN (SELECT "order_id", "line no", "lf_row_hash" FROM "psg__Order ""Line's" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p ON s."order_id" = p."order_id" AND s."line no" = p."line no"
WHERE s."order_id" IS NULL OR p."order_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp__Order ""Line's";

ALTER TABLE "temp__Order ""Line's_delta" RENAME TO "temp__Order ""Line's";

CREATE INDEX IF NOT EXISTS "temp__Order ""Line's__lf_key" ON "temp__Order ""Line's" ("order_id", "line no");

-- ===== incremental: customer =====
-- the incremental extract delivers a change set: no comparison with persistent staging

-- ===== incremental, first run: customer =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg__customer" WHERE "lf_is_current" = 1) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp__customer_delta";

CREATE TABLE "temp__customer_delta" AS
SELECT CASE WHEN s."customer_id" IS NULL THEN p."customer_id" ELSE s."customer_id" END AS "customer_id",
       s."name" AS "name",
       s."modified_at" AS "modified_at",
       s."row_version" AS "row_version",
       s."balance" AS "balance",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."customer_id" IS NULL THEN 'D' WHEN p."customer_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, CASE WHEN s."customer_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."customer_id" AS TEXT)) AS TEXT) || ':' || CAST(s."customer_id" AS TEXT) END || CASE WHEN s."name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."name" AS TEXT)) AS TEXT) || ':' || CAST(s."name" AS TEXT) END || CASE WHEN s."modified_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."modified_at" AS TEXT)) AS TEXT) || ':' || CAST(s."modified_at" AS TEXT) END || CASE WHEN s."row_version" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."row_version" AS TEXT)) AS TEXT) || ':' || CAST(s."row_version" AS TEXT) END || CASE WHEN s."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."balance" AS TEXT)) AS TEXT) || ':' || CAST(s."balance" AS TEXT) END AS "lf_row_hash" FROM "temp__customer" AS s) AS s
FULL OUTER JOIN (SELECT "customer_id", "lf_row_hash" FROM "psg__customer" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p ON s."customer_id" = p."customer_id"
WHERE s."customer_id" IS NOT NULL AND (p."customer_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash");

DROP TABLE IF EXISTS "temp__customer";

ALTER TABLE "temp__customer_delta" RENAME TO "temp__customer";

CREATE INDEX IF NOT EXISTS "temp__customer__lf_key" ON "temp__customer" ("customer_id");

-- ===== dateRange (date): shipment =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg__shipment" WHERE "lf_is_current" = 1) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp__shipment_delta";

CREATE TABLE "temp__shipment_delta" AS
SELECT CASE WHEN s."shipment_id" IS NULL THEN p."shipment_id" ELSE s."shipment_id" END AS "shipment_id",
       s."ship_date" AS "ship_date",
       s."carrier" AS "carrier",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."shipment_id" IS NULL THEN 'D' WHEN p."shipment_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, CASE WHEN s."shipment_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."shipment_id" AS TEXT)) AS TEXT) || ':' || CAST(s."shipment_id" AS TEXT) END || CASE WHEN s."ship_date" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."ship_date" AS TEXT)) AS TEXT) || ':' || CAST(s."ship_date" AS TEXT) END || CASE WHEN s."carrier" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."carrier" AS TEXT)) AS TEXT) || ':' || CAST(s."carrier" AS TEXT) END AS "lf_row_hash" FROM "temp__shipment" AS s) AS s
FULL OUTER JOIN (SELECT "shipment_id", "lf_row_hash" FROM "psg__shipment" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0 AND "ship_date" >= '2026-06-23' AND "ship_date" <= '2026-06-30') AS p ON s."shipment_id" = p."shipment_id"
WHERE s."shipment_id" IS NULL OR p."shipment_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp__shipment";

ALTER TABLE "temp__shipment_delta" RENAME TO "temp__shipment";

CREATE INDEX IF NOT EXISTS "temp__shipment__lf_key" ON "temp__shipment" ("shipment_id");

-- ===== dateRange (datetime): event =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg__event" WHERE "lf_is_current" = 1) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp__event_delta";

CREATE TABLE "temp__event_delta" AS
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
FROM (SELECT s.*, CASE WHEN s."event_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."event_id" AS TEXT)) AS TEXT) || ':' || CAST(s."event_id" AS TEXT) END || CASE WHEN s."event_time" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."event_time" AS TEXT)) AS TEXT) || ':' || CAST(s."event_time" AS TEXT) END || CASE WHEN s."recorded_at" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."recorded_at" AS TEXT)) AS TEXT) || ':' || CAST(s."recorded_at" AS TEXT) END || CASE WHEN s."start" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."start" AS TEXT)) AS TEXT) || ':' || CAST(s."start" AS TEXT) END || CASE WHEN s."score" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."score" AS TEXT)) AS TEXT) || ':' || CAST(s."score" AS TEXT) END || CASE WHEN s."ratio" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."ratio" AS TEXT)) AS TEXT) || ':' || CAST(s."ratio" AS TEXT) END || CASE WHEN s."kind" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."kind" AS TEXT)) AS TEXT) || ':' || CAST(s."kind" AS TEXT) END || CASE WHEN s."raw" IS NULL THEN 'N' ELSE 'V' || CAST(length(hex(s."raw")) AS TEXT) || ':' || hex(s."raw") END AS "lf_row_hash" FROM "temp__event" AS s) AS s
FULL OUTER JOIN (SELECT "event_id", "lf_row_hash" FROM "psg__event" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0 AND "event_time" >= '2026-06-27 00:00:00' AND "event_time" < '2026-07-01 00:00:00') AS p ON s."event_id" = p."event_id"
WHERE s."event_id" IS NULL OR p."event_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp__event";

ALTER TABLE "temp__event_delta" RENAME TO "temp__event";

CREATE INDEX IF NOT EXISTS "temp__event__lf_key" ON "temp__event" ("event_id");

-- ===== changeTracking: account =====
-- the changes extract delivers a change set: no comparison with persistent staging

-- ===== changeTracking, expired version: account =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM "psg__account" WHERE "lf_is_current" = 1) THEN 1 ELSE 0 END AS "present";

DROP TABLE IF EXISTS "temp__account_delta";

CREATE TABLE "temp__account_delta" AS
SELECT CASE WHEN s."account_id" IS NULL THEN p."account_id" ELSE s."account_id" END AS "account_id",
       s."account_name" AS "account_name",
       s."balance" AS "balance",
       s."opened_on" AS "opened_on",
       s."lf_row_hash" AS "lf_row_hash",
       CASE WHEN s."account_id" IS NULL THEN 'D' WHEN p."account_id" IS NULL THEN 'I' ELSE 'U' END AS "lf_change_operation"
FROM (SELECT s.*, CASE WHEN s."account_id" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."account_id" AS TEXT)) AS TEXT) || ':' || CAST(s."account_id" AS TEXT) END || CASE WHEN s."account_name" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."account_name" AS TEXT)) AS TEXT) || ':' || CAST(s."account_name" AS TEXT) END || CASE WHEN s."balance" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."balance" AS TEXT)) AS TEXT) || ':' || CAST(s."balance" AS TEXT) END || CASE WHEN s."opened_on" IS NULL THEN 'N' ELSE 'V' || CAST(length(CAST(s."opened_on" AS TEXT)) AS TEXT) || ':' || CAST(s."opened_on" AS TEXT) END AS "lf_row_hash" FROM "temp__account" AS s) AS s
FULL OUTER JOIN (SELECT "account_id", "lf_row_hash" FROM "psg__account" WHERE "lf_is_current" = 1 AND "lf_is_deleted" = 0) AS p ON s."account_id" = p."account_id"
WHERE s."account_id" IS NULL OR p."account_id" IS NULL OR p."lf_row_hash" <> s."lf_row_hash";

DROP TABLE IF EXISTS "temp__account";

ALTER TABLE "temp__account_delta" RENAME TO "temp__account";

CREATE INDEX IF NOT EXISTS "temp__account__lf_key" ON "temp__account" ("account_id");

-- ===== multiWildCardFile: payroll =====
-- the files extract delivers a change set: no comparison with persistent staging
