-- ===== full: Order "Line's =====
DROP TABLE IF EXISTS "temp__Order ""Line's_delta";

DROP TABLE IF EXISTS "temp__Order ""Line's";

CREATE TABLE "temp__Order ""Line's" (
  "order_id" INTEGER NULL,
  "line no" INTEGER NULL,
  "product" TEXT NULL,
  "weird ""col"" [x] `y`" TEXT NULL,
  "amount" NUMERIC NULL,
  "is_gift" INTEGER NULL,
  "source_system" TEXT NULL,
  "load_batch" INTEGER NULL
);

CREATE INDEX IF NOT EXISTS "temp__Order ""Line's__lf_key" ON "temp__Order ""Line's" ("order_id", "line no");

-- ===== incremental: customer =====
DROP TABLE IF EXISTS "temp__customer_delta";

DROP TABLE IF EXISTS "temp__customer";

CREATE TABLE "temp__customer" (
  "customer_id" INTEGER NULL,
  "name" TEXT NULL,
  "modified_at" TEXT NULL,
  "row_version" INTEGER NULL,
  "balance" NUMERIC NULL
);

CREATE INDEX IF NOT EXISTS "temp__customer__lf_key" ON "temp__customer" ("customer_id");

-- ===== incremental, first run: customer =====
DROP TABLE IF EXISTS "temp__customer_delta";

DROP TABLE IF EXISTS "temp__customer";

CREATE TABLE "temp__customer" (
  "customer_id" INTEGER NULL,
  "name" TEXT NULL,
  "modified_at" TEXT NULL,
  "row_version" INTEGER NULL,
  "balance" NUMERIC NULL
);

CREATE INDEX IF NOT EXISTS "temp__customer__lf_key" ON "temp__customer" ("customer_id");

-- ===== dateRange (date): shipment =====
DROP TABLE IF EXISTS "temp__shipment_delta";

DROP TABLE IF EXISTS "temp__shipment";

CREATE TABLE "temp__shipment" (
  "shipment_id" INTEGER NULL,
  "ship_date" TEXT NULL,
  "carrier" TEXT NULL
);

CREATE INDEX IF NOT EXISTS "temp__shipment__lf_key" ON "temp__shipment" ("shipment_id");

-- ===== dateRange (datetime): event =====
DROP TABLE IF EXISTS "temp__event_delta";

DROP TABLE IF EXISTS "temp__event";

CREATE TABLE "temp__event" (
  "event_id" TEXT NULL,
  "event_time" TEXT NULL,
  "recorded_at" TEXT NULL,
  "start" TEXT NULL,
  "score" REAL NULL,
  "ratio" REAL NULL,
  "kind" INTEGER NULL,
  "raw" BLOB NULL
);

CREATE INDEX IF NOT EXISTS "temp__event__lf_key" ON "temp__event" ("event_id");

-- ===== changeTracking: account =====
DROP TABLE IF EXISTS "temp__account_delta";

DROP TABLE IF EXISTS "temp__account";

CREATE TABLE "temp__account" (
  "account_id" INTEGER NULL,
  "account_name" TEXT NULL,
  "balance" NUMERIC NULL,
  "opened_on" TEXT NULL,
  "lf_change_operation" CHAR(1) NOT NULL
);

CREATE INDEX IF NOT EXISTS "temp__account__lf_key" ON "temp__account" ("account_id");

-- ===== changeTracking, expired version: account =====
DROP TABLE IF EXISTS "temp__account_delta";

DROP TABLE IF EXISTS "temp__account";

CREATE TABLE "temp__account" (
  "account_id" INTEGER NULL,
  "account_name" TEXT NULL,
  "balance" NUMERIC NULL,
  "opened_on" TEXT NULL
);

CREATE INDEX IF NOT EXISTS "temp__account__lf_key" ON "temp__account" ("account_id");

-- ===== multiWildCardFile: payroll =====
DROP TABLE IF EXISTS "temp__payroll_delta";

DROP TABLE IF EXISTS "temp__payroll";

CREATE TABLE "temp__payroll" (
  "employee_id" INTEGER NULL,
  "period" TEXT NULL,
  "gross" NUMERIC NULL
);

CREATE INDEX IF NOT EXISTS "temp__payroll__lf_key" ON "temp__payroll" ("employee_id", "period");
