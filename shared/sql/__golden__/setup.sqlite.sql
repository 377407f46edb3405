-- ===== Order "Line's =====
CREATE TABLE IF NOT EXISTS "psg__Order ""Line's" (
  "order_id" INTEGER NOT NULL,
  "line no" INTEGER NOT NULL,
  "product" TEXT NULL,
  "weird ""col"" [x] `y`" TEXT NULL,
  "amount" NUMERIC NULL,
  "is_gift" INTEGER NULL,
  "source_system" TEXT NULL,
  "load_batch" INTEGER NULL,
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

CREATE INDEX IF NOT EXISTS "psg__Order ""Line's__lf_key" ON "psg__Order ""Line's" ("order_id", "line no", "lf_is_current");

-- ===== customer =====
CREATE TABLE IF NOT EXISTS "psg__customer" (
  "customer_id" INTEGER NOT NULL,
  "name" TEXT NULL,
  "modified_at" TEXT NULL,
  "row_version" INTEGER NULL,
  "balance" NUMERIC NULL,
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

CREATE INDEX IF NOT EXISTS "psg__customer__lf_key" ON "psg__customer" ("customer_id", "lf_is_current");

-- ===== shipment =====
CREATE TABLE IF NOT EXISTS "psg__shipment" (
  "shipment_id" INTEGER NOT NULL,
  "ship_date" TEXT NOT NULL,
  "carrier" TEXT NULL,
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

CREATE INDEX IF NOT EXISTS "psg__shipment__lf_key" ON "psg__shipment" ("shipment_id", "lf_is_current");

-- ===== event =====
CREATE TABLE IF NOT EXISTS "psg__event" (
  "event_id" TEXT NOT NULL,
  "event_time" TEXT NOT NULL,
  "recorded_at" TEXT NULL,
  "start" TEXT NULL,
  "score" REAL NULL,
  "ratio" REAL NULL,
  "kind" INTEGER NULL,
  "raw" BLOB NULL,
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

CREATE INDEX IF NOT EXISTS "psg__event__lf_key" ON "psg__event" ("event_id", "lf_is_current");

-- ===== account =====
CREATE TABLE IF NOT EXISTS "psg__account" (
  "account_id" INTEGER NOT NULL,
  "account_name" TEXT NOT NULL,
  "balance" NUMERIC NULL,
  "opened_on" TEXT NULL,
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

CREATE INDEX IF NOT EXISTS "psg__account__lf_key" ON "psg__account" ("account_id", "lf_is_current");

-- ===== payroll =====
CREATE TABLE IF NOT EXISTS "psg__payroll" (
  "employee_id" INTEGER NOT NULL,
  "period" TEXT NOT NULL,
  "gross" NUMERIC NULL,
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

CREATE INDEX IF NOT EXISTS "psg__payroll__lf_key" ON "psg__payroll" ("employee_id", "period", "lf_is_current");
