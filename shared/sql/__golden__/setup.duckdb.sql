-- ===== Order "Line's =====
CREATE SCHEMA IF NOT EXISTS "stage";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."Order ""Line's" (
  "order_id" BIGINT NOT NULL,
  "line no" INTEGER NOT NULL,
  "product" VARCHAR NULL,
  "weird ""col"" [x] `y`" VARCHAR NULL,
  "amount" DECIMAL(18,2) NULL,
  "is_gift" BOOLEAN NULL,
  "source_system" VARCHAR NULL,
  "load_batch" BIGINT NULL,
  "lf_row_hash" UBIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP NOT NULL,
  "lf_valid_to" TIMESTAMP NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "value" VARCHAR NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR NOT NULL,
  "scheme" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "old_value" VARCHAR NULL,
  "new_value" VARCHAR NULL,
  "run_id" VARCHAR NULL,
  "changed_at" TIMESTAMP NOT NULL,
  "changed_by" VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  "mode" VARCHAR NOT NULL,
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
  "skew" DECIMAL(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  "previous_success_at" TIMESTAMP NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR NOT NULL,
  "column_type" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "position")
);

-- ===== customer =====
CREATE SCHEMA IF NOT EXISTS "stage";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."customer" (
  "customer_id" INTEGER NOT NULL,
  "name" VARCHAR NULL,
  "modified_at" TIMESTAMP NULL,
  "row_version" BIGINT NULL,
  "balance" DECIMAL(12,2) NULL,
  "lf_row_hash" UBIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP NOT NULL,
  "lf_valid_to" TIMESTAMP NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "value" VARCHAR NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR NOT NULL,
  "scheme" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "old_value" VARCHAR NULL,
  "new_value" VARCHAR NULL,
  "run_id" VARCHAR NULL,
  "changed_at" TIMESTAMP NOT NULL,
  "changed_by" VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  "mode" VARCHAR NOT NULL,
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
  "skew" DECIMAL(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  "previous_success_at" TIMESTAMP NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR NOT NULL,
  "column_type" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "position")
);

-- ===== shipment =====
CREATE SCHEMA IF NOT EXISTS "stage";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."shipment" (
  "shipment_id" INTEGER NOT NULL,
  "ship_date" DATE NOT NULL,
  "carrier" VARCHAR NULL,
  "lf_row_hash" UBIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP NOT NULL,
  "lf_valid_to" TIMESTAMP NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "value" VARCHAR NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR NOT NULL,
  "scheme" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "old_value" VARCHAR NULL,
  "new_value" VARCHAR NULL,
  "run_id" VARCHAR NULL,
  "changed_at" TIMESTAMP NOT NULL,
  "changed_by" VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  "mode" VARCHAR NOT NULL,
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
  "skew" DECIMAL(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  "previous_success_at" TIMESTAMP NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR NOT NULL,
  "column_type" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "position")
);

-- ===== event =====
CREATE SCHEMA IF NOT EXISTS "stage";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."event" (
  "event_id" UUID NOT NULL,
  "event_time" TIMESTAMP NOT NULL,
  "recorded_at" TIMESTAMPTZ NULL,
  "start" TIME NULL,
  "score" DOUBLE NULL,
  "ratio" FLOAT NULL,
  "kind" SMALLINT NULL,
  "raw" BLOB NULL,
  "lf_row_hash" UBIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP NOT NULL,
  "lf_valid_to" TIMESTAMP NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "value" VARCHAR NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR NOT NULL,
  "scheme" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "old_value" VARCHAR NULL,
  "new_value" VARCHAR NULL,
  "run_id" VARCHAR NULL,
  "changed_at" TIMESTAMP NOT NULL,
  "changed_by" VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  "mode" VARCHAR NOT NULL,
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
  "skew" DECIMAL(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  "previous_success_at" TIMESTAMP NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR NOT NULL,
  "column_type" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "position")
);

-- ===== account =====
CREATE SCHEMA IF NOT EXISTS "stage";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."account" (
  "account_id" INTEGER NOT NULL,
  "account_name" VARCHAR NOT NULL,
  "balance" DECIMAL(18,2) NULL,
  "opened_on" DATE NULL,
  "lf_row_hash" UBIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP NOT NULL,
  "lf_valid_to" TIMESTAMP NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "value" VARCHAR NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR NOT NULL,
  "scheme" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "old_value" VARCHAR NULL,
  "new_value" VARCHAR NULL,
  "run_id" VARCHAR NULL,
  "changed_at" TIMESTAMP NOT NULL,
  "changed_by" VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  "mode" VARCHAR NOT NULL,
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
  "skew" DECIMAL(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  "previous_success_at" TIMESTAMP NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR NOT NULL,
  "column_type" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "position")
);

-- ===== payroll =====
CREATE SCHEMA IF NOT EXISTS "stage";

CREATE SCHEMA IF NOT EXISTS "psg";

CREATE SCHEMA IF NOT EXISTS "zdm";

CREATE TABLE IF NOT EXISTS "psg"."payroll" (
  "employee_id" INTEGER NOT NULL,
  "period" VARCHAR NOT NULL,
  "gross" DECIMAL(12,2) NULL,
  "lf_row_hash" UBIGINT NOT NULL,
  "lf_valid_from" TIMESTAMP NOT NULL,
  "lf_valid_to" TIMESTAMP NULL,
  "lf_is_current" BOOLEAN NOT NULL,
  "lf_is_deleted" BOOLEAN NOT NULL,
  "lf_batch_id" BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameters" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "value" VARCHAR NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."row_hash_schemes" (
  "entity" VARCHAR NOT NULL,
  "scheme" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."control_parameter_history" (
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "old_value" VARCHAR NULL,
  "new_value" VARCHAR NULL,
  "run_id" VARCHAR NULL,
  "changed_at" TIMESTAMP NOT NULL,
  "changed_by" VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS "zdm"."run_log" (
  "run_id" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "batch_date" VARCHAR NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("run_id")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_log" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "batch_id" BIGINT NOT NULL,
  "started_at" TIMESTAMP NOT NULL,
  "mode" VARCHAR NOT NULL,
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
  "skew" DECIMAL(12,2) NOT NULL,
  "extract_ms" BIGINT NOT NULL,
  "land_ms" BIGINT NOT NULL,
  "stage_ms" BIGINT NOT NULL,
  "change_set_ms" BIGINT NOT NULL,
  "watermark_parameter" VARCHAR NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  "previous_success_at" TIMESTAMP NULL,
  PRIMARY KEY ("run_id", "entity")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_run_watermarks" (
  "run_id" VARCHAR NOT NULL,
  "entity" VARCHAR NOT NULL,
  "parameter" VARCHAR NOT NULL,
  "watermark_before" VARCHAR NULL,
  "watermark_after" VARCHAR NULL,
  PRIMARY KEY ("run_id", "entity", "parameter")
);

CREATE TABLE IF NOT EXISTS "zdm"."entity_columns" (
  "entity" VARCHAR NOT NULL,
  "position" INTEGER NOT NULL,
  "column_name" VARCHAR NOT NULL,
  "column_type" VARCHAR NOT NULL,
  "updated_at" TIMESTAMP NOT NULL,
  PRIMARY KEY ("entity", "position")
);
