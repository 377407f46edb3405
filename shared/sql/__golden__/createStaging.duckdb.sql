-- ===== full: Order "Line's =====
DROP TABLE IF EXISTS "stage"."Order ""Line's_delta";

DROP TABLE IF EXISTS "stage"."Order ""Line's";

CREATE TABLE "stage"."Order ""Line's" (
  "order_id" BIGINT NULL,
  "line no" INTEGER NULL,
  "product" VARCHAR NULL,
  "weird ""col"" [x] `y`" VARCHAR NULL,
  "amount" DECIMAL(18,2) NULL,
  "is_gift" BOOLEAN NULL,
  "source_system" VARCHAR NULL,
  "load_batch" BIGINT NULL
);

-- ===== incremental: customer =====
DROP TABLE IF EXISTS "stage"."customer_delta";

DROP TABLE IF EXISTS "stage"."customer";

CREATE TABLE "stage"."customer" (
  "customer_id" INTEGER NULL,
  "name" VARCHAR NULL,
  "modified_at" TIMESTAMP NULL,
  "row_version" BIGINT NULL,
  "balance" DECIMAL(12,2) NULL
);

-- ===== incremental, first run: customer =====
DROP TABLE IF EXISTS "stage"."customer_delta";

DROP TABLE IF EXISTS "stage"."customer";

CREATE TABLE "stage"."customer" (
  "customer_id" INTEGER NULL,
  "name" VARCHAR NULL,
  "modified_at" TIMESTAMP NULL,
  "row_version" BIGINT NULL,
  "balance" DECIMAL(12,2) NULL
);

-- ===== dateRange (date): shipment =====
DROP TABLE IF EXISTS "stage"."shipment_delta";

DROP TABLE IF EXISTS "stage"."shipment";

CREATE TABLE "stage"."shipment" (
  "shipment_id" INTEGER NULL,
  "ship_date" DATE NULL,
  "carrier" VARCHAR NULL
);

-- ===== dateRange (datetime): event =====
DROP TABLE IF EXISTS "stage"."event_delta";

DROP TABLE IF EXISTS "stage"."event";

CREATE TABLE "stage"."event" (
  "event_id" UUID NULL,
  "event_time" TIMESTAMP NULL,
  "recorded_at" TIMESTAMPTZ NULL,
  "start" TIME NULL,
  "score" DOUBLE NULL,
  "ratio" FLOAT NULL,
  "kind" SMALLINT NULL,
  "raw" BLOB NULL
);

-- ===== changeTracking: account =====
DROP TABLE IF EXISTS "stage"."account_delta";

DROP TABLE IF EXISTS "stage"."account";

CREATE TABLE "stage"."account" (
  "account_id" INTEGER NULL,
  "account_name" VARCHAR NULL,
  "balance" DECIMAL(18,2) NULL,
  "opened_on" DATE NULL,
  "lf_change_operation" CHAR(1) NOT NULL
);

-- ===== changeTracking, expired version: account =====
DROP TABLE IF EXISTS "stage"."account_delta";

DROP TABLE IF EXISTS "stage"."account";

CREATE TABLE "stage"."account" (
  "account_id" INTEGER NULL,
  "account_name" VARCHAR NULL,
  "balance" DECIMAL(18,2) NULL,
  "opened_on" DATE NULL
);

-- ===== multiWildCardFile: payroll =====
DROP TABLE IF EXISTS "stage"."payroll_delta";

DROP TABLE IF EXISTS "stage"."payroll";

CREATE TABLE "stage"."payroll" (
  "employee_id" INTEGER NULL,
  "period" VARCHAR NULL,
  "gross" DECIMAL(12,2) NULL
);
