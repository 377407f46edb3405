-- ===== Order "Line's =====
CREATE TABLE IF NOT EXISTS `psg__Order "Line's` (
  `order_id` BIGINT NOT NULL,
  `line no` INT NOT NULL,
  `product` VARCHAR(50) NULL,
  `weird "col" [x] ``y``` LONGTEXT NULL,
  `amount` DECIMAL(18,2) NULL,
  `is_gift` BOOLEAN NULL,
  `source_system` VARCHAR(20) NULL,
  `load_batch` BIGINT NULL,
  `lf_row_hash` CHAR(64) NOT NULL,
  `lf_valid_from` DATETIME(6) NOT NULL,
  `lf_valid_to` DATETIME(6) NULL,
  `lf_is_current` BOOLEAN NOT NULL,
  `lf_is_deleted` BOOLEAN NOT NULL,
  `lf_batch_id` BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameters` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `value` VARCHAR(255) NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__row_hash_schemes` (
  `entity` VARCHAR(255) NOT NULL,
  `scheme` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameter_history` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `old_value` VARCHAR(255) NULL,
  `new_value` VARCHAR(255) NULL,
  `run_id` VARCHAR(255) NULL,
  `changed_at` DATETIME(6) NOT NULL,
  `changed_by` VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `batch_date` VARCHAR(255) NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  `mode` VARCHAR(255) NOT NULL,
  `rows_read` BIGINT NOT NULL,
  `rows_written` BIGINT NOT NULL,
  `rows_per_second` BIGINT NOT NULL,
  `bytes_landed` BIGINT NOT NULL,
  `files` BIGINT NOT NULL,
  `file_bytes_min` BIGINT NOT NULL,
  `file_bytes_median` BIGINT NOT NULL,
  `file_bytes_max` BIGINT NOT NULL,
  `small_files` BIGINT NOT NULL,
  `small_file_bytes` BIGINT NOT NULL,
  `skew` DECIMAL(12,2) NOT NULL,
  `extract_ms` BIGINT NOT NULL,
  `land_ms` BIGINT NOT NULL,
  `stage_ms` BIGINT NOT NULL,
  `change_set_ms` BIGINT NOT NULL,
  `watermark_parameter` VARCHAR(255) NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  `previous_success_at` DATETIME(6) NULL,
  PRIMARY KEY (`run_id`, `entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_watermarks` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  PRIMARY KEY (`run_id`, `entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_columns` (
  `entity` VARCHAR(255) NOT NULL,
  `position` INTEGER NOT NULL,
  `column_name` VARCHAR(255) NOT NULL,
  `column_type` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `position`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__Order "Line's` (`order_id`, `line no`, `lf_is_current`);

-- ===== customer =====
CREATE TABLE IF NOT EXISTS `psg__customer` (
  `customer_id` INT NOT NULL,
  `name` VARCHAR(100) NULL,
  `modified_at` DATETIME(6) NULL,
  `row_version` BIGINT NULL,
  `balance` DECIMAL(12,2) NULL,
  `lf_row_hash` CHAR(64) NOT NULL,
  `lf_valid_from` DATETIME(6) NOT NULL,
  `lf_valid_to` DATETIME(6) NULL,
  `lf_is_current` BOOLEAN NOT NULL,
  `lf_is_deleted` BOOLEAN NOT NULL,
  `lf_batch_id` BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameters` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `value` VARCHAR(255) NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__row_hash_schemes` (
  `entity` VARCHAR(255) NOT NULL,
  `scheme` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameter_history` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `old_value` VARCHAR(255) NULL,
  `new_value` VARCHAR(255) NULL,
  `run_id` VARCHAR(255) NULL,
  `changed_at` DATETIME(6) NOT NULL,
  `changed_by` VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `batch_date` VARCHAR(255) NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  `mode` VARCHAR(255) NOT NULL,
  `rows_read` BIGINT NOT NULL,
  `rows_written` BIGINT NOT NULL,
  `rows_per_second` BIGINT NOT NULL,
  `bytes_landed` BIGINT NOT NULL,
  `files` BIGINT NOT NULL,
  `file_bytes_min` BIGINT NOT NULL,
  `file_bytes_median` BIGINT NOT NULL,
  `file_bytes_max` BIGINT NOT NULL,
  `small_files` BIGINT NOT NULL,
  `small_file_bytes` BIGINT NOT NULL,
  `skew` DECIMAL(12,2) NOT NULL,
  `extract_ms` BIGINT NOT NULL,
  `land_ms` BIGINT NOT NULL,
  `stage_ms` BIGINT NOT NULL,
  `change_set_ms` BIGINT NOT NULL,
  `watermark_parameter` VARCHAR(255) NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  `previous_success_at` DATETIME(6) NULL,
  PRIMARY KEY (`run_id`, `entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_watermarks` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  PRIMARY KEY (`run_id`, `entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_columns` (
  `entity` VARCHAR(255) NOT NULL,
  `position` INTEGER NOT NULL,
  `column_name` VARCHAR(255) NOT NULL,
  `column_type` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `position`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__customer` (`customer_id`, `lf_is_current`);

-- ===== shipment =====
CREATE TABLE IF NOT EXISTS `psg__shipment` (
  `shipment_id` INT NOT NULL,
  `ship_date` DATE NOT NULL,
  `carrier` VARCHAR(30) NULL,
  `lf_row_hash` CHAR(64) NOT NULL,
  `lf_valid_from` DATETIME(6) NOT NULL,
  `lf_valid_to` DATETIME(6) NULL,
  `lf_is_current` BOOLEAN NOT NULL,
  `lf_is_deleted` BOOLEAN NOT NULL,
  `lf_batch_id` BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameters` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `value` VARCHAR(255) NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__row_hash_schemes` (
  `entity` VARCHAR(255) NOT NULL,
  `scheme` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameter_history` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `old_value` VARCHAR(255) NULL,
  `new_value` VARCHAR(255) NULL,
  `run_id` VARCHAR(255) NULL,
  `changed_at` DATETIME(6) NOT NULL,
  `changed_by` VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `batch_date` VARCHAR(255) NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  `mode` VARCHAR(255) NOT NULL,
  `rows_read` BIGINT NOT NULL,
  `rows_written` BIGINT NOT NULL,
  `rows_per_second` BIGINT NOT NULL,
  `bytes_landed` BIGINT NOT NULL,
  `files` BIGINT NOT NULL,
  `file_bytes_min` BIGINT NOT NULL,
  `file_bytes_median` BIGINT NOT NULL,
  `file_bytes_max` BIGINT NOT NULL,
  `small_files` BIGINT NOT NULL,
  `small_file_bytes` BIGINT NOT NULL,
  `skew` DECIMAL(12,2) NOT NULL,
  `extract_ms` BIGINT NOT NULL,
  `land_ms` BIGINT NOT NULL,
  `stage_ms` BIGINT NOT NULL,
  `change_set_ms` BIGINT NOT NULL,
  `watermark_parameter` VARCHAR(255) NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  `previous_success_at` DATETIME(6) NULL,
  PRIMARY KEY (`run_id`, `entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_watermarks` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  PRIMARY KEY (`run_id`, `entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_columns` (
  `entity` VARCHAR(255) NOT NULL,
  `position` INTEGER NOT NULL,
  `column_name` VARCHAR(255) NOT NULL,
  `column_type` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `position`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__shipment` (`shipment_id`, `lf_is_current`);

-- ===== event =====
CREATE TABLE IF NOT EXISTS `psg__event` (
  `event_id` UUID NOT NULL,
  `event_time` DATETIME(6) NOT NULL,
  `recorded_at` DATETIME(6) NULL,
  `start` TIME(6) NULL,
  `score` DOUBLE NULL,
  `ratio` FLOAT NULL,
  `kind` SMALLINT NULL,
  `raw` VARBINARY(16) NULL,
  `lf_row_hash` CHAR(64) NOT NULL,
  `lf_valid_from` DATETIME(6) NOT NULL,
  `lf_valid_to` DATETIME(6) NULL,
  `lf_is_current` BOOLEAN NOT NULL,
  `lf_is_deleted` BOOLEAN NOT NULL,
  `lf_batch_id` BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameters` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `value` VARCHAR(255) NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__row_hash_schemes` (
  `entity` VARCHAR(255) NOT NULL,
  `scheme` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameter_history` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `old_value` VARCHAR(255) NULL,
  `new_value` VARCHAR(255) NULL,
  `run_id` VARCHAR(255) NULL,
  `changed_at` DATETIME(6) NOT NULL,
  `changed_by` VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `batch_date` VARCHAR(255) NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  `mode` VARCHAR(255) NOT NULL,
  `rows_read` BIGINT NOT NULL,
  `rows_written` BIGINT NOT NULL,
  `rows_per_second` BIGINT NOT NULL,
  `bytes_landed` BIGINT NOT NULL,
  `files` BIGINT NOT NULL,
  `file_bytes_min` BIGINT NOT NULL,
  `file_bytes_median` BIGINT NOT NULL,
  `file_bytes_max` BIGINT NOT NULL,
  `small_files` BIGINT NOT NULL,
  `small_file_bytes` BIGINT NOT NULL,
  `skew` DECIMAL(12,2) NOT NULL,
  `extract_ms` BIGINT NOT NULL,
  `land_ms` BIGINT NOT NULL,
  `stage_ms` BIGINT NOT NULL,
  `change_set_ms` BIGINT NOT NULL,
  `watermark_parameter` VARCHAR(255) NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  `previous_success_at` DATETIME(6) NULL,
  PRIMARY KEY (`run_id`, `entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_watermarks` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  PRIMARY KEY (`run_id`, `entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_columns` (
  `entity` VARCHAR(255) NOT NULL,
  `position` INTEGER NOT NULL,
  `column_name` VARCHAR(255) NOT NULL,
  `column_type` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `position`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__event` (`event_id`, `lf_is_current`);

-- ===== account =====
CREATE TABLE IF NOT EXISTS `psg__account` (
  `account_id` INT NOT NULL,
  `account_name` VARCHAR(200) NOT NULL,
  `balance` DECIMAL(18,2) NULL,
  `opened_on` DATE NULL,
  `lf_row_hash` CHAR(64) NOT NULL,
  `lf_valid_from` DATETIME(6) NOT NULL,
  `lf_valid_to` DATETIME(6) NULL,
  `lf_is_current` BOOLEAN NOT NULL,
  `lf_is_deleted` BOOLEAN NOT NULL,
  `lf_batch_id` BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameters` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `value` VARCHAR(255) NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__row_hash_schemes` (
  `entity` VARCHAR(255) NOT NULL,
  `scheme` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameter_history` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `old_value` VARCHAR(255) NULL,
  `new_value` VARCHAR(255) NULL,
  `run_id` VARCHAR(255) NULL,
  `changed_at` DATETIME(6) NOT NULL,
  `changed_by` VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `batch_date` VARCHAR(255) NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  `mode` VARCHAR(255) NOT NULL,
  `rows_read` BIGINT NOT NULL,
  `rows_written` BIGINT NOT NULL,
  `rows_per_second` BIGINT NOT NULL,
  `bytes_landed` BIGINT NOT NULL,
  `files` BIGINT NOT NULL,
  `file_bytes_min` BIGINT NOT NULL,
  `file_bytes_median` BIGINT NOT NULL,
  `file_bytes_max` BIGINT NOT NULL,
  `small_files` BIGINT NOT NULL,
  `small_file_bytes` BIGINT NOT NULL,
  `skew` DECIMAL(12,2) NOT NULL,
  `extract_ms` BIGINT NOT NULL,
  `land_ms` BIGINT NOT NULL,
  `stage_ms` BIGINT NOT NULL,
  `change_set_ms` BIGINT NOT NULL,
  `watermark_parameter` VARCHAR(255) NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  `previous_success_at` DATETIME(6) NULL,
  PRIMARY KEY (`run_id`, `entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_watermarks` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  PRIMARY KEY (`run_id`, `entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_columns` (
  `entity` VARCHAR(255) NOT NULL,
  `position` INTEGER NOT NULL,
  `column_name` VARCHAR(255) NOT NULL,
  `column_type` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `position`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__account` (`account_id`, `lf_is_current`);

-- ===== payroll =====
CREATE TABLE IF NOT EXISTS `psg__payroll` (
  `employee_id` INT NOT NULL,
  `period` VARCHAR(7) NOT NULL,
  `gross` DECIMAL(12,2) NULL,
  `lf_row_hash` CHAR(64) NOT NULL,
  `lf_valid_from` DATETIME(6) NOT NULL,
  `lf_valid_to` DATETIME(6) NULL,
  `lf_is_current` BOOLEAN NOT NULL,
  `lf_is_deleted` BOOLEAN NOT NULL,
  `lf_batch_id` BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameters` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `value` VARCHAR(255) NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__row_hash_schemes` (
  `entity` VARCHAR(255) NOT NULL,
  `scheme` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__control_parameter_history` (
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `old_value` VARCHAR(255) NULL,
  `new_value` VARCHAR(255) NULL,
  `run_id` VARCHAR(255) NULL,
  `changed_at` DATETIME(6) NOT NULL,
  `changed_by` VARCHAR(255) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `batch_date` VARCHAR(255) NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`run_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_log` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `batch_id` BIGINT NOT NULL,
  `started_at` DATETIME(6) NOT NULL,
  `mode` VARCHAR(255) NOT NULL,
  `rows_read` BIGINT NOT NULL,
  `rows_written` BIGINT NOT NULL,
  `rows_per_second` BIGINT NOT NULL,
  `bytes_landed` BIGINT NOT NULL,
  `files` BIGINT NOT NULL,
  `file_bytes_min` BIGINT NOT NULL,
  `file_bytes_median` BIGINT NOT NULL,
  `file_bytes_max` BIGINT NOT NULL,
  `small_files` BIGINT NOT NULL,
  `small_file_bytes` BIGINT NOT NULL,
  `skew` DECIMAL(12,2) NOT NULL,
  `extract_ms` BIGINT NOT NULL,
  `land_ms` BIGINT NOT NULL,
  `stage_ms` BIGINT NOT NULL,
  `change_set_ms` BIGINT NOT NULL,
  `watermark_parameter` VARCHAR(255) NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  `previous_success_at` DATETIME(6) NULL,
  PRIMARY KEY (`run_id`, `entity`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_run_watermarks` (
  `run_id` VARCHAR(255) NOT NULL,
  `entity` VARCHAR(255) NOT NULL,
  `parameter` VARCHAR(255) NOT NULL,
  `watermark_before` VARCHAR(255) NULL,
  `watermark_after` VARCHAR(255) NULL,
  PRIMARY KEY (`run_id`, `entity`, `parameter`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `zdm__entity_columns` (
  `entity` VARCHAR(255) NOT NULL,
  `position` INTEGER NOT NULL,
  `column_name` VARCHAR(255) NOT NULL,
  `column_type` VARCHAR(255) NOT NULL,
  `updated_at` DATETIME(6) NOT NULL,
  PRIMARY KEY (`entity`, `position`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__payroll` (`employee_id`, `period`, `lf_is_current`);
