-- ===== full: Order "Line's =====
DROP TABLE IF EXISTS "temp"."Order ""Line's_delta";

DROP TABLE IF EXISTS "temp"."Order ""Line's";

CREATE UNLOGGED TABLE "temp"."Order ""Line's" (
  "order_id" BIGINT NULL,
  "line no" INTEGER NULL,
  "product" VARCHAR(50) NULL,
  "weird ""col"" [x] `y`" TEXT NULL,
  "amount" NUMERIC(18,2) NULL,
  "is_gift" BOOLEAN NULL,
  "source_system" VARCHAR(20) NULL,
  "load_batch" BIGINT NULL
);

-- ===== incremental: customer =====
DROP TABLE IF EXISTS "temp"."customer_delta";

DROP TABLE IF EXISTS "temp"."customer";

CREATE UNLOGGED TABLE "temp"."customer" (
  "customer_id" INTEGER NULL,
  "name" VARCHAR(100) NULL,
  "modified_at" TIMESTAMP(6) NULL,
  "row_version" BIGINT NULL,
  "balance" NUMERIC(12,2) NULL
);

-- ===== incremental, first run: customer =====
DROP TABLE IF EXISTS "temp"."customer_delta";

DROP TABLE IF EXISTS "temp"."customer";

CREATE UNLOGGED TABLE "temp"."customer" (
  "customer_id" INTEGER NULL,
  "name" VARCHAR(100) NULL,
  "modified_at" TIMESTAMP(6) NULL,
  "row_version" BIGINT NULL,
  "balance" NUMERIC(12,2) NULL
);

-- ===== dateRange (date): shipment =====
DROP TABLE IF EXISTS "temp"."shipment_delta";

DROP TABLE IF EXISTS "temp"."shipment";

CREATE UNLOGGED TABLE "temp"."shipment" (
  "shipment_id" INTEGER NULL,
  "ship_date" DATE NULL,
  "carrier" VARCHAR(30) NULL
);

-- ===== dateRange (datetime): event =====
DROP TABLE IF EXISTS "temp"."event_delta";

DROP TABLE IF EXISTS "temp"."event";

CREATE UNLOGGED TABLE "temp"."event" (
  "event_id" UUID NULL,
  "event_time" TIMESTAMP(6) NULL,
  "recorded_at" TIMESTAMPTZ(6) NULL,
  "start" TIME(6) NULL,
  "score" DOUBLE PRECISION NULL,
  "ratio" REAL NULL,
  "kind" SMALLINT NULL,
  "raw" BYTEA NULL
);

-- ===== changeTracking: account =====
DROP TABLE IF EXISTS "temp"."account_delta";

DROP TABLE IF EXISTS "temp"."account";

CREATE UNLOGGED TABLE "temp"."account" (
  "account_id" INTEGER NULL,
  "account_name" VARCHAR(200) NULL,
  "balance" NUMERIC(18,2) NULL,
  "opened_on" DATE NULL,
  "lf_change_operation" CHAR(1) NOT NULL
);

-- ===== changeTracking, expired version: account =====
DROP TABLE IF EXISTS "temp"."account_delta";

DROP TABLE IF EXISTS "temp"."account";

CREATE UNLOGGED TABLE "temp"."account" (
  "account_id" INTEGER NULL,
  "account_name" VARCHAR(200) NULL,
  "balance" NUMERIC(18,2) NULL,
  "opened_on" DATE NULL
);

-- ===== multiWildCardFile: payroll =====
DROP TABLE IF EXISTS "temp"."payroll_delta";

DROP TABLE IF EXISTS "temp"."payroll";

CREATE UNLOGGED TABLE "temp"."payroll" (
  "employee_id" INTEGER NULL,
  "period" VARCHAR(7) NULL,
  "gross" NUMERIC(12,2) NULL
);
