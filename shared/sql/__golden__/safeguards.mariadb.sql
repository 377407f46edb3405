-- entity "orders"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (mariadb) ====
-- the key sweep: only the business keys of the source, landed in orders__keys/Latest and staged in `temp__orders__keys`; current rows whose key is gone are marked deleted in persist

SELECT `order_id`
FROM `sales`.`orders`;


-- ==== setup: warehouse (mariadb) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- commits on its own before the load (this warehouse commits every CREATE at once)

CREATE TABLE IF NOT EXISTS `psg__orders` (
  `order_id` BIGINT NOT NULL,
  `status` VARCHAR(10) NULL,
  `amount` DECIMAL(12,2) NULL,
  `changed_at` DATETIME(6) NULL,
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

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__orders` (`order_id`, `lf_is_current`);


-- ==== stage: warehouse (mariadb) ====
DROP TABLE IF EXISTS `temp__orders_delta`;

DROP TABLE IF EXISTS `temp__orders`;

CREATE TABLE `temp__orders` (
  `order_id` BIGINT NULL,
  `status` VARCHAR(10) NULL,
  `amount` DECIMAL(12,2) NULL,
  `changed_at` DATETIME(6) NULL,
  `lf_change_operation` CHAR(1) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__orders` (`order_id`);

-- file: "/data/lake/x/Latest/x_000000000001.csv.zst"
LOAD DATA LOCAL INFILE '/data/lake/x/Latest/x_000000000001.csv.zst' INTO TABLE `temp__orders` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`order_id`, `status`, `amount`, `changed_at`, `lf_change_operation`);

DROP TABLE IF EXISTS `temp__orders__keys_delta`;

DROP TABLE IF EXISTS `temp__orders__keys`;

CREATE TABLE `temp__orders__keys` (
  `order_id` BIGINT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__orders__keys` (`order_id`);

-- file: "/data/lake/x__keys/Latest/x__keys_000000000001.csv.zst"
LOAD DATA LOCAL INFILE '/data/lake/x__keys/Latest/x__keys_000000000001.csv.zst' INTO TABLE `temp__orders__keys` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`order_id`);


-- ==== changeSet: warehouse (mariadb) ====
-- the incremental extract delivers a change set: no comparison with persistent staging


-- ==== checks: warehouse (mariadb) ====
-- each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported

SELECT r.`rows_extracted`, 1 AS `lf_failing`
FROM (SELECT 1234 AS `rows_extracted`) AS r
WHERE r.`rows_extracted` < 1 OR r.`rows_extracted` > 1000000;

SELECT c.`affected`, c.`current_rows`, 1 AS `lf_failing`
FROM (SELECT (SELECT COUNT(*) FROM `temp__orders` AS s WHERE s.`lf_change_operation` = 'D' AND EXISTS (SELECT 1 FROM (SELECT * FROM `psg__orders` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p WHERE p.`order_id` = s.`order_id`)) + (SELECT COUNT(*) FROM (SELECT * FROM `psg__orders` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p WHERE NOT EXISTS (SELECT 1 FROM `temp__orders__keys` AS k WHERE k.`order_id` = p.`order_id`)) AS `affected`, (SELECT COUNT(*) FROM (SELECT * FROM `psg__orders` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p) AS `current_rows`) AS c
WHERE c.`affected` > 0 AND c.`affected` * 100 > c.`current_rows` * 20;

SELECT c.`affected`, c.`current_rows`, 1 AS `lf_failing`
FROM (SELECT (SELECT COUNT(*) FROM `temp__orders` AS s WHERE EXISTS (SELECT 1 FROM (SELECT * FROM `psg__orders` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p WHERE p.`order_id` = s.`order_id`)) + (SELECT COUNT(*) FROM (SELECT * FROM `psg__orders` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p WHERE NOT EXISTS (SELECT 1 FROM `temp__orders__keys` AS k WHERE k.`order_id` = p.`order_id`)) AS `affected`, (SELECT COUNT(*) FROM (SELECT * FROM `psg__orders` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p) AS `current_rows`) AS c
WHERE c.`affected` > 0 AND c.`affected` * 100 > c.`current_rows` * 80;

SELECT s.`order_id`, s.`status`, COUNT(*) OVER () AS `lf_failing`
FROM (SELECT * FROM `temp__orders` WHERE `lf_change_operation` <> 'D') AS s
WHERE s.`status` IS NULL
LIMIT 10;

SELECT `order_id`, `status`, COUNT(*) AS `copies`, COUNT(*) OVER () AS `lf_failing`
FROM (SELECT `order_id`, `status` FROM (SELECT * FROM `temp__orders` WHERE `lf_change_operation` <> 'D') AS s
  UNION ALL
  SELECT p.`order_id`, p.`status` FROM (SELECT * FROM `psg__orders` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p WHERE NOT EXISTS (SELECT 1 FROM `temp__orders` AS s WHERE s.`order_id` = p.`order_id`)) AS a
GROUP BY `order_id`, `status`
HAVING COUNT(*) > 1
LIMIT 10;

SELECT s.`order_id`, s.`status`, COUNT(*) OVER () AS `lf_failing`
FROM (SELECT * FROM `temp__orders` WHERE `lf_change_operation` <> 'D') AS s
WHERE s.`status` IS NOT NULL AND s.`status` NOT IN ('open', 'shipped', 'it''s done')
LIMIT 10;

SELECT q.*, COUNT(*) OVER () AS `lf_failing`
FROM (
SELECT order_id, amount FROM (SELECT * FROM `temp__orders` WHERE `lf_change_operation` <> 'D') AS s WHERE s.amount < 0
) AS q
LIMIT 10;


-- ==== persist: warehouse (mariadb) ====
-- one transaction: new versions, closed versions, the watermark and its ledger row, the run metrics

START TRANSACTION;

UPDATE `psg__orders` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`order_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`order_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`order_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`status` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`status` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`status` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`amount` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`amount` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`amount` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`changed_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`changed_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`changed_at` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'orders' AND h.`scheme` = CONCAT('text/1', '/columns:99acc10f256b38d9'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'orders';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('orders', CONCAT('text/1', '/columns:99acc10f256b38d9'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__orders` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__orders` AS c WHERE c.`order_id` = p.`order_id`
    AND ((c.`lf_change_operation` = 'D' AND p.`lf_is_deleted` = FALSE) OR (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> SHA2(CONCAT(CASE WHEN c.`order_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`order_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`order_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`status` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`status` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`status` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`amount` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`amount` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`amount` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`changed_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`changed_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`changed_at` AS CHAR CHARACTER SET utf8mb4)) END), 256)))));

INSERT INTO `psg__orders` (`order_id`, `status`, `amount`, `changed_at`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`order_id`, p.`status`, p.`amount`, p.`changed_at`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__orders` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND EXISTS (SELECT 1 FROM `temp__orders` AS c WHERE c.`order_id` = p.`order_id` AND c.`lf_change_operation` = 'D')
  AND NOT EXISTS (SELECT 1 FROM `psg__orders` AS n WHERE n.`order_id` = p.`order_id` AND n.`lf_is_current` = TRUE);

INSERT INTO `psg__orders` (`order_id`, `status`, `amount`, `changed_at`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`order_id`, c.`status`, c.`amount`, c.`changed_at`, SHA2(CONCAT(CASE WHEN c.`order_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`order_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`order_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`status` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`status` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`status` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`amount` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`amount` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`amount` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`changed_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`changed_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`changed_at` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__orders` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__orders` AS p WHERE p.`order_id` = c.`order_id` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'orders' AND `parameter` = 'changed_at' AND EXISTS (SELECT CAST(MAX(`changed_at`) AS CHAR) AS `value` FROM `psg__orders` HAVING MAX(`changed_at`) IS NOT NULL);

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
SELECT 'orders', 'changed_at', v.`value`, TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX(`changed_at`) AS CHAR) AS `value` FROM `psg__orders` HAVING MAX(`changed_at`) IS NOT NULL) AS v;

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'orders', 'changed_at', '2026-06-29 23:30:00.123456', v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX(`changed_at`) AS CHAR) AS `value` FROM `psg__orders` HAVING MAX(`changed_at`) IS NOT NULL) AS v
WHERE (v.`value` IS NULL OR v.`value` <> '2026-06-29 23:30:00.123456');

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'orders';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('orders', 1, 'order_id', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('orders', 2, 'status', 'string(10)', TIMESTAMP '2026-06-30 01:02:03.456'),
('orders', 3, 'amount', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('orders', 4, 'changed_at', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('orders', -1, 'order_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__orders` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE AND p.`lf_is_deleted` = FALSE
  AND NOT EXISTS (SELECT 1 FROM `temp__orders__keys` AS k WHERE k.`order_id` = p.`order_id`)
  AND NOT EXISTS (SELECT 1 FROM `temp__orders` AS c WHERE c.`order_id` = p.`order_id`);

INSERT INTO `psg__orders` (`order_id`, `status`, `amount`, `changed_at`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`order_id`, p.`status`, p.`amount`, p.`changed_at`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__orders` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND NOT EXISTS (SELECT 1 FROM `temp__orders__keys` AS k WHERE k.`order_id` = p.`order_id`)
  AND NOT EXISTS (SELECT 1 FROM `temp__orders` AS c WHERE c.`order_id` = p.`order_id`)
  AND NOT EXISTS (SELECT 1 FROM `psg__orders` AS n WHERE n.`order_id` = p.`order_id` AND n.`lf_is_current` = TRUE);

COMMIT;


-- ==== currentTable: warehouse (mariadb) ====
-- after the commit, `cur__orders_now` is built anew from the current rows and swapped in by renaming: a reader sees the old table or the new one

DROP TABLE IF EXISTS `cur__orders_now__new`;

CREATE TABLE `cur__orders_now__new` AS
SELECT `order_id`, `status`, `amount`, `changed_at`
FROM `psg__orders`
WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE;

CREATE TABLE IF NOT EXISTS `cur__orders_now` (
  `order_id` BIGINT NOT NULL,
  `status` VARCHAR(10) NULL,
  `amount` DECIMAL(12,2) NULL,
  `changed_at` DATETIME(6) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

DROP TABLE IF EXISTS `cur__orders_now__old`;

RENAME TABLE `cur__orders_now` TO `cur__orders_now__old`, `cur__orders_now__new` TO `cur__orders_now`;

DROP TABLE IF EXISTS `cur__orders_now__old`;

-- entity "accounts"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (tsql) ====
-- the key sweep: only the business keys of the source, landed in accounts__keys/Latest and staged in `temp__accounts__keys`; current rows whose key is gone are marked deleted in persist

SELECT [account_id]
FROM [dbo].[accounts];


-- ==== setup: warehouse (mariadb) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- commits on its own before the load (this warehouse commits every CREATE at once)

CREATE TABLE IF NOT EXISTS `psg__accounts` (
  `account_id` INT NOT NULL,
  `name` VARCHAR(100) NULL,
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

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__accounts` (`account_id`, `lf_is_current`);


-- ==== stage: warehouse (mariadb) ====
DROP TABLE IF EXISTS `temp__accounts_delta`;

DROP TABLE IF EXISTS `temp__accounts`;

CREATE TABLE `temp__accounts` (
  `account_id` INT NULL,
  `name` VARCHAR(100) NULL,
  `lf_change_operation` CHAR(1) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__accounts` (`account_id`);

-- file: "/data/lake/x/Latest/x_000000000001.csv.zst"
LOAD DATA LOCAL INFILE '/data/lake/x/Latest/x_000000000001.csv.zst' INTO TABLE `temp__accounts` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`account_id`, `name`, `lf_change_operation`);

DROP TABLE IF EXISTS `temp__accounts__keys_delta`;

DROP TABLE IF EXISTS `temp__accounts__keys`;

CREATE TABLE `temp__accounts__keys` (
  `account_id` INT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__accounts__keys` (`account_id`);

-- file: "/data/lake/x__keys/Latest/x__keys_000000000001.csv.zst"
LOAD DATA LOCAL INFILE '/data/lake/x__keys/Latest/x__keys_000000000001.csv.zst' INTO TABLE `temp__accounts__keys` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`account_id`);


-- ==== changeSet: warehouse (mariadb) ====
-- the changes extract delivers a change set: no comparison with persistent staging


-- ==== persist: warehouse (mariadb) ====
-- one transaction: new versions, closed versions, the watermark and its ledger row, the run metrics

START TRANSACTION;

UPDATE `psg__accounts` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`name` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'accounts' AND h.`scheme` = CONCAT('text/1', '/columns:757acfe188c350c3'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'accounts';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('accounts', CONCAT('text/1', '/columns:757acfe188c350c3'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__accounts` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__accounts` AS c WHERE c.`account_id` = p.`account_id`
    AND ((c.`lf_change_operation` = 'D' AND p.`lf_is_deleted` = FALSE) OR (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> SHA2(CONCAT(CASE WHEN c.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) END), 256)))));

INSERT INTO `psg__accounts` (`account_id`, `name`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`account_id`, p.`name`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__accounts` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND EXISTS (SELECT 1 FROM `temp__accounts` AS c WHERE c.`account_id` = p.`account_id` AND c.`lf_change_operation` = 'D')
  AND NOT EXISTS (SELECT 1 FROM `psg__accounts` AS n WHERE n.`account_id` = p.`account_id` AND n.`lf_is_current` = TRUE);

INSERT INTO `psg__accounts` (`account_id`, `name`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`account_id`, c.`name`, SHA2(CONCAT(CASE WHEN c.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__accounts` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__accounts` AS p WHERE p.`account_id` = c.`account_id` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'accounts' AND `parameter` = 'change_tracking_version';

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
VALUES ('accounts', 'change_tracking_version', '250', TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'accounts', 'change_tracking_version', '100', v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS `value`) AS v
WHERE (v.`value` IS NULL OR v.`value` <> '100');

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'accounts';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('accounts', 1, 'account_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('accounts', 2, 'name', 'string(100)', TIMESTAMP '2026-06-30 01:02:03.456'),
('accounts', -1, 'account_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__accounts` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE AND p.`lf_is_deleted` = FALSE
  AND NOT EXISTS (SELECT 1 FROM `temp__accounts__keys` AS k WHERE k.`account_id` = p.`account_id`)
  AND NOT EXISTS (SELECT 1 FROM `temp__accounts` AS c WHERE c.`account_id` = p.`account_id`);

INSERT INTO `psg__accounts` (`account_id`, `name`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`account_id`, p.`name`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__accounts` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND NOT EXISTS (SELECT 1 FROM `temp__accounts__keys` AS k WHERE k.`account_id` = p.`account_id`)
  AND NOT EXISTS (SELECT 1 FROM `temp__accounts` AS c WHERE c.`account_id` = p.`account_id`)
  AND NOT EXISTS (SELECT 1 FROM `psg__accounts` AS n WHERE n.`account_id` = p.`account_id` AND n.`lf_is_current` = TRUE);

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'accounts' AND `parameter` = 'key_sweep_runs';

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
VALUES ('accounts', 'key_sweep_runs', '0', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;


-- ==== currentTable: warehouse (mariadb) ====
-- after the commit, `cur__accounts` is built anew from the current rows and swapped in by renaming: a reader sees the old table or the new one

DROP TABLE IF EXISTS `cur__accounts__new`;

CREATE TABLE `cur__accounts__new` AS
SELECT `account_id`, `name`
FROM `psg__accounts`
WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE;

CREATE TABLE IF NOT EXISTS `cur__accounts` (
  `account_id` INT NOT NULL,
  `name` VARCHAR(100) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

DROP TABLE IF EXISTS `cur__accounts__old`;

RENAME TABLE `cur__accounts` TO `cur__accounts__old`, `cur__accounts__new` TO `cur__accounts`;

DROP TABLE IF EXISTS `cur__accounts__old`;

-- entity "prices"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== setup: warehouse (mariadb) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- commits on its own before the load (this warehouse commits every CREATE at once)

CREATE TABLE IF NOT EXISTS `psg__prices` (
  `sku` VARCHAR(20) NOT NULL,
  `price` DECIMAL(10,2) NULL,
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

CREATE INDEX IF NOT EXISTS `lf_psg_key` ON `psg__prices` (`sku`, `lf_is_current`);


-- ==== stage: warehouse (mariadb) ====
DROP TABLE IF EXISTS `temp__prices_delta`;

DROP TABLE IF EXISTS `temp__prices`;

CREATE TABLE `temp__prices` (
  `sku` VARCHAR(20) NULL,
  `price` DECIMAL(10,2) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__prices` (`sku`);

-- file: "/data/lake/x/Latest/x_000000000001.csv.zst"
LOAD DATA LOCAL INFILE '/data/lake/x/Latest/x_000000000001.csv.zst' INTO TABLE `temp__prices` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`sku`, `price`);


-- ==== changeSet: warehouse (mariadb) ====
-- compares the staged rows with the current versions by business key and row hash

SELECT CASE WHEN EXISTS (SELECT 1 FROM `psg__prices` WHERE `lf_is_current` = TRUE) THEN 1 ELSE 0 END AS `present`;

DROP TABLE IF EXISTS `temp__prices_delta`;

CREATE TABLE `temp__prices_delta` AS
SELECT s.`sku` AS `sku`,
       s.`price` AS `price`,
       s.`lf_row_hash` AS `lf_row_hash`,
       CASE WHEN p.`sku` IS NULL THEN 'I' ELSE 'U' END AS `lf_change_operation`
FROM (SELECT s.*, SHA2(CONCAT(CASE WHEN s.`sku` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`sku` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`sku` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`price` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`price` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`price` AS CHAR CHARACTER SET utf8mb4)) END), 256) AS `lf_row_hash` FROM `temp__prices` AS s) AS s
LEFT OUTER JOIN (SELECT `sku`, `lf_row_hash` FROM `psg__prices` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p ON s.`sku` = p.`sku`
WHERE p.`sku` IS NULL OR p.`lf_row_hash` <> s.`lf_row_hash`
UNION ALL
SELECT p.`sku` AS `sku`,
       NULL AS `price`,
       NULL AS `lf_row_hash`,
       'D' AS `lf_change_operation`
FROM (SELECT `sku`, `lf_row_hash` FROM `psg__prices` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p
WHERE NOT EXISTS (SELECT 1 FROM `temp__prices` AS s WHERE s.`sku` = p.`sku`);

DROP TABLE IF EXISTS `temp__prices`;

RENAME TABLE `temp__prices_delta` TO `temp__prices`;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__prices` (`sku`);


-- ==== checks: warehouse (mariadb) ====
-- each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported

SELECT c.`affected`, c.`current_rows`, 1 AS `lf_failing`
FROM (SELECT (SELECT COUNT(*) FROM `temp__prices` WHERE `lf_change_operation` = 'D') AS `affected`, (SELECT COUNT(*) FROM (SELECT * FROM `psg__prices` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p) AS `current_rows`) AS c
WHERE c.`affected` > 0 AND c.`affected` * 100 > c.`current_rows` * 50;


-- ==== persist: warehouse (mariadb) ====
-- one transaction: new versions, closed versions, the watermark and its ledger row, the run metrics

START TRANSACTION;

UPDATE `psg__prices` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`sku` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`sku` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`sku` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`price` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`price` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`price` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'prices' AND h.`scheme` = CONCAT('text/1', '/columns:f2af33922a2c5d60'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'prices';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('prices', CONCAT('text/1', '/columns:f2af33922a2c5d60'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__prices` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__prices` AS c WHERE c.`sku` = p.`sku`
    AND ((c.`lf_change_operation` = 'D' AND p.`lf_is_deleted` = FALSE) OR (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> c.`lf_row_hash`))));

INSERT INTO `psg__prices` (`sku`, `price`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`sku`, p.`price`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__prices` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND EXISTS (SELECT 1 FROM `temp__prices` AS c WHERE c.`sku` = p.`sku` AND c.`lf_change_operation` = 'D')
  AND NOT EXISTS (SELECT 1 FROM `psg__prices` AS n WHERE n.`sku` = p.`sku` AND n.`lf_is_current` = TRUE);

INSERT INTO `psg__prices` (`sku`, `price`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`sku`, c.`price`, c.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__prices` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__prices` AS p WHERE p.`sku` = c.`sku` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'prices';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('prices', 1, 'sku', 'string(20)', TIMESTAMP '2026-06-30 01:02:03.456'),
('prices', 2, 'price', 'decimal(10,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('prices', -1, 'sku', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;
