-- ===== Order "Line's =====
CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."Order ""Line's" (
  "order_id" BIGINT NOT NULL,
  "line no" INTEGER NOT NULL,
  "product" VARCHAR(50) NULL,
  "weird ""col"" [x] `y`" TEXT NULL,
  "amount" NUMERIC(18,2) NULL,
  "is_gift" BOOLEAN NULL,
  "source_system" VARCHAR(20) NULL,
  "load_batch" BIGINT NULL,
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

CREATE INDEX IF NOT EXISTS "Order ""Line's__lf_key" ON "psg"."Order ""Line's" ("order_id", "line no", "lf_is_current");

-- ===== customer =====
CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."customer" (
  "customer_id" INTEGER NOT NULL,
  "name" VARCHAR(100) NULL,
  "modified_at" TIMESTAMP(6) NULL,
  "row_version" BIGINT NULL,
  "balance" NUMERIC(12,2) NULL,
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

CREATE INDEX IF NOT EXISTS "customer__lf_key" ON "psg"."customer" ("customer_id", "lf_is_current");

-- ===== shipment =====
CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."shipment" (
  "shipment_id" INTEGER NOT NULL,
  "ship_date" DATE NOT NULL,
  "carrier" VARCHAR(30) NULL,
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

CREATE INDEX IF NOT EXISTS "shipment__lf_key" ON "psg"."shipment" ("shipment_id", "lf_is_current");

-- ===== event =====
CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."event" (
  "event_id" UUID NOT NULL,
  "event_time" TIMESTAMP(6) NOT NULL,
  "recorded_at" TIMESTAMPTZ(6) NULL,
  "start" TIME(6) NULL,
  "score" DOUBLE PRECISION NULL,
  "ratio" REAL NULL,
  "kind" SMALLINT NULL,
  "raw" BYTEA NULL,
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

CREATE INDEX IF NOT EXISTS "event__lf_key" ON "psg"."event" ("event_id", "lf_is_current");

-- ===== account =====
CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."account" (
  "account_id" INTEGER NOT NULL,
  "account_name" VARCHAR(200) NOT NULL,
  "balance" NUMERIC(18,2) NULL,
  "opened_on" DATE NULL,
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

CREATE INDEX IF NOT EXISTS "account__lf_key" ON "psg"."account" ("account_id", "lf_is_current");

-- ===== payroll =====
CREATE SCHEMA IF NOT EXISTS "temp";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."payroll" (
  "employee_id" INTEGER NOT NULL,
  "period" VARCHAR(7) NOT NULL,
  "gross" NUMERIC(12,2) NULL,
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

CREATE INDEX IF NOT EXISTS "payroll__lf_key" ON "psg"."payroll" ("employee_id", "period", "lf_is_current");
