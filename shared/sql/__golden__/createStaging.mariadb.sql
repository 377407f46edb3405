-- ===== full: Order "Line's =====
DROP TABLE IF EXISTS `temp__Order "Line's_delta`;

DROP TABLE IF EXISTS `temp__Order "Line's`;

CREATE TABLE `temp__Order "Line's` (
  `order_id` BIGINT NULL,
  `line no` INT NULL,
  `product` VARCHAR(50) NULL,
  `weird "col" [x] ``y``` LONGTEXT NULL,
  `amount` DECIMAL(18,2) NULL,
  `is_gift` BOOLEAN NULL,
  `source_system` VARCHAR(20) NULL,
  `load_batch` BIGINT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__Order "Line's` (`order_id`, `line no`);

-- ===== incremental: customer =====
DROP TABLE IF EXISTS `temp__customer_delta`;

DROP TABLE IF EXISTS `temp__customer`;

CREATE TABLE `temp__customer` (
  `customer_id` INT NULL,
  `name` VARCHAR(100) NULL,
  `modified_at` DATETIME(6) NULL,
  `row_version` BIGINT NULL,
  `balance` DECIMAL(12,2) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__customer` (`customer_id`);

-- ===== incremental, first run: customer =====
DROP TABLE IF EXISTS `temp__customer_delta`;

DROP TABLE IF EXISTS `temp__customer`;

CREATE TABLE `temp__customer` (
  `customer_id` INT NULL,
  `name` VARCHAR(100) NULL,
  `modified_at` DATETIME(6) NULL,
  `row_version` BIGINT NULL,
  `balance` DECIMAL(12,2) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__customer` (`customer_id`);

-- ===== dateRange (date): shipment =====
DROP TABLE IF EXISTS `temp__shipment_delta`;

DROP TABLE IF EXISTS `temp__shipment`;

CREATE TABLE `temp__shipment` (
  `shipment_id` INT NULL,
  `ship_date` DATE NULL,
  `carrier` VARCHAR(30) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__shipment` (`shipment_id`);

-- ===== dateRange (datetime): event =====
DROP TABLE IF EXISTS `temp__event_delta`;

DROP TABLE IF EXISTS `temp__event`;

CREATE TABLE `temp__event` (
  `event_id` UUID NULL,
  `event_time` DATETIME(6) NULL,
  `recorded_at` DATETIME(6) NULL,
  `start` TIME(6) NULL,
  `score` DOUBLE NULL,
  `ratio` FLOAT NULL,
  `kind` SMALLINT NULL,
  `raw` VARBINARY(16) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__event` (`event_id`);

-- ===== changeTracking: account =====
DROP TABLE IF EXISTS `temp__account_delta`;

DROP TABLE IF EXISTS `temp__account`;

CREATE TABLE `temp__account` (
  `account_id` INT NULL,
  `account_name` VARCHAR(200) NULL,
  `balance` DECIMAL(18,2) NULL,
  `opened_on` DATE NULL,
  `lf_change_operation` CHAR(1) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__account` (`account_id`);

-- ===== changeTracking, expired version: account =====
DROP TABLE IF EXISTS `temp__account_delta`;

DROP TABLE IF EXISTS `temp__account`;

CREATE TABLE `temp__account` (
  `account_id` INT NULL,
  `account_name` VARCHAR(200) NULL,
  `balance` DECIMAL(18,2) NULL,
  `opened_on` DATE NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__account` (`account_id`);

-- ===== multiWildCardFile: payroll =====
DROP TABLE IF EXISTS `temp__payroll_delta`;

DROP TABLE IF EXISTS `temp__payroll`;

CREATE TABLE `temp__payroll` (
  `employee_id` INT NULL,
  `period` VARCHAR(7) NULL,
  `gross` DECIMAL(12,2) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__payroll` (`employee_id`, `period`);
