-- ===== full: Order "Line's =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM `psg__Order "Line's` WHERE `lf_is_current` = TRUE) THEN 1 ELSE 0 END AS `present`;

DROP TABLE IF EXISTS `temp__Order "Line's_delta`;

CREATE TABLE `temp__Order "Line's_delta` AS
SELECT s.`order_id` AS `order_id`,
       s.`line no` AS `line no`,
       s.`product` AS `product`,
       s.`weird "col" [x] ``y``` AS `weird "col" [x] ``y```,
       s.`amount` AS `amount`,
       s.`is_gift` AS `is_gift`,
       s.`source_system` AS `source_system`,
       s.`load_batch` AS `load_batch`,
       s.`lf_row_hash` AS `lf_row_hash`,
       CASE WHEN p.`order_id` IS NULL THEN 'I' ELSE 'U' END AS `lf_change_operation`
FROM (SELECT s.*, SHA2(CONCAT(CASE WHEN s.`order_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`order_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`order_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`line no` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`line no` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`line no` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`product` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`product` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`product` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`weird "col" [x] ``y``` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`weird "col" [x] ``y``` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`weird "col" [x] ``y``` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`amount` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`amount` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`amount` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`is_gift` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`is_gift` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`is_gift` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`source_system` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`source_system` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`source_system` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`load_batch` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`load_batch` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`load_batch` AS CHAR CHARACTER SET utf8mb4)) END), 256) AS `lf_row_hash` FROM `temp__Order "Line's` AS s) AS s
LEFT OUTER JOIN (SELECT `order_id`, `line no`, `lf_row_hash` FROM `psg__Order "Line's` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p ON s.`order_id` = p.`order_id` AND s.`line no` = p.`line no`
WHERE p.`order_id` IS NULL OR p.`lf_row_hash` <> s.`lf_row_hash`
UNION ALL
SELECT p.`order_id` AS `order_id`,
       p.`line no` AS `line no`,
       NULL AS `product`,
       NULL AS `weird "col" [x] ``y```,
       NULL AS `amount`,
       NULL AS `is_gift`,
       NULL AS `source_system`,
       NULL AS `load_batch`,
       NULL AS `lf_row_hash`,
       'D' AS `lf_change_operation`
FROM (SELECT `order_id`, `line no`, `lf_row_hash` FROM `psg__Order "Line's` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p
WHERE NOT EXISTS (SELECT 1 FROM `temp__Order "Line's` AS s WHERE s.`order_id` = p.`order_id` AND s.`line no` = p.`line no`);

DROP TABLE IF EXISTS `temp__Order "Line's`;

RENAME TABLE `temp__Order "Line's_delta` TO `temp__Order "Line's`;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__Order "Line's` (`order_id`, `line no`);

-- ===== incremental: customer =====
-- the incremental extract delivers a change set: no comparison with persistent staging

-- ===== incremental, first run: customer =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM `psg__customer` WHERE `lf_is_current` = TRUE) THEN 1 ELSE 0 END AS `present`;

DROP TABLE IF EXISTS `temp__customer_delta`;

CREATE TABLE `temp__customer_delta` AS
SELECT s.`customer_id` AS `customer_id`,
       s.`name` AS `name`,
       s.`modified_at` AS `modified_at`,
       s.`row_version` AS `row_version`,
       s.`balance` AS `balance`,
       s.`lf_row_hash` AS `lf_row_hash`,
       CASE WHEN p.`customer_id` IS NULL THEN 'I' ELSE 'U' END AS `lf_change_operation`
FROM (SELECT s.*, SHA2(CONCAT(CASE WHEN s.`customer_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`customer_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`customer_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`modified_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`modified_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`modified_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`row_version` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`row_version` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`row_version` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`balance` AS CHAR CHARACTER SET utf8mb4)) END), 256) AS `lf_row_hash` FROM `temp__customer` AS s) AS s
LEFT OUTER JOIN (SELECT `customer_id`, `lf_row_hash` FROM `psg__customer` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p ON s.`customer_id` = p.`customer_id`
WHERE p.`customer_id` IS NULL OR p.`lf_row_hash` <> s.`lf_row_hash`;

DROP TABLE IF EXISTS `temp__customer`;

RENAME TABLE `temp__customer_delta` TO `temp__customer`;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__customer` (`customer_id`);

-- ===== dateRange (date): shipment =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM `psg__shipment` WHERE `lf_is_current` = TRUE) THEN 1 ELSE 0 END AS `present`;

DROP TABLE IF EXISTS `temp__shipment_delta`;

CREATE TABLE `temp__shipment_delta` AS
SELECT s.`shipment_id` AS `shipment_id`,
       s.`ship_date` AS `ship_date`,
       s.`carrier` AS `carrier`,
       s.`lf_row_hash` AS `lf_row_hash`,
       CASE WHEN p.`shipment_id` IS NULL THEN 'I' ELSE 'U' END AS `lf_change_operation`
FROM (SELECT s.*, SHA2(CONCAT(CASE WHEN s.`shipment_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`shipment_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`shipment_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`ship_date` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`ship_date` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`ship_date` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`carrier` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`carrier` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`carrier` AS CHAR CHARACTER SET utf8mb4)) END), 256) AS `lf_row_hash` FROM `temp__shipment` AS s) AS s
LEFT OUTER JOIN (SELECT `shipment_id`, `lf_row_hash` FROM `psg__shipment` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE AND `ship_date` >= DATE '2026-06-23' AND `ship_date` <= DATE '2026-06-30') AS p ON s.`shipment_id` = p.`shipment_id`
WHERE p.`shipment_id` IS NULL OR p.`lf_row_hash` <> s.`lf_row_hash`
UNION ALL
SELECT p.`shipment_id` AS `shipment_id`,
       NULL AS `ship_date`,
       NULL AS `carrier`,
       NULL AS `lf_row_hash`,
       'D' AS `lf_change_operation`
FROM (SELECT `shipment_id`, `lf_row_hash` FROM `psg__shipment` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE AND `ship_date` >= DATE '2026-06-23' AND `ship_date` <= DATE '2026-06-30') AS p
WHERE NOT EXISTS (SELECT 1 FROM `temp__shipment` AS s WHERE s.`shipment_id` = p.`shipment_id`);

DROP TABLE IF EXISTS `temp__shipment`;

RENAME TABLE `temp__shipment_delta` TO `temp__shipment`;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__shipment` (`shipment_id`);

-- ===== dateRange (datetime): event =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM `psg__event` WHERE `lf_is_current` = TRUE) THEN 1 ELSE 0 END AS `present`;

DROP TABLE IF EXISTS `temp__event_delta`;

CREATE TABLE `temp__event_delta` AS
SELECT s.`event_id` AS `event_id`,
       s.`event_time` AS `event_time`,
       s.`recorded_at` AS `recorded_at`,
       s.`start` AS `start`,
       s.`score` AS `score`,
       s.`ratio` AS `ratio`,
       s.`kind` AS `kind`,
       s.`raw` AS `raw`,
       s.`lf_row_hash` AS `lf_row_hash`,
       CASE WHEN p.`event_id` IS NULL THEN 'I' ELSE 'U' END AS `lf_change_operation`
FROM (SELECT s.*, SHA2(CONCAT(CASE WHEN s.`event_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`event_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`event_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`event_time` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`event_time` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`event_time` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`recorded_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`recorded_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`recorded_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`start` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`start` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`start` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`score` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`score` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`score` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`ratio` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`ratio` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`ratio` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`kind` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`kind` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`kind` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`raw` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(HEX(s.`raw`)) AS CHAR), ':', HEX(s.`raw`)) END), 256) AS `lf_row_hash` FROM `temp__event` AS s) AS s
LEFT OUTER JOIN (SELECT `event_id`, `lf_row_hash` FROM `psg__event` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE AND `event_time` >= TIMESTAMP '2026-06-27 00:00:00' AND `event_time` < TIMESTAMP '2026-07-01 00:00:00') AS p ON s.`event_id` = p.`event_id`
WHERE p.`event_id` IS NULL OR p.`lf_row_hash` <> s.`lf_row_hash`
UNION ALL
SELECT p.`event_id` AS `event_id`,
       NULL AS `event_time`,
       NULL AS `recorded_at`,
       NULL AS `start`,
       NULL AS `score`,
       NULL AS `ratio`,
       NULL AS `kind`,
       NULL AS `raw`,
       NULL AS `lf_row_hash`,
       'D' AS `lf_change_operation`
FROM (SELECT `event_id`, `lf_row_hash` FROM `psg__event` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE AND `event_time` >= TIMESTAMP '2026-06-27 00:00:00' AND `event_time` < TIMESTAMP '2026-07-01 00:00:00') AS p
WHERE NOT EXISTS (SELECT 1 FROM `temp__event` AS s WHERE s.`event_id` = p.`event_id`);

DROP TABLE IF EXISTS `temp__event`;

RENAME TABLE `temp__event_delta` TO `temp__event`;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__event` (`event_id`);

-- ===== changeTracking: account =====
-- the changes extract delivers a change set: no comparison with persistent staging

-- ===== changeTracking, expired version: account =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM `psg__account` WHERE `lf_is_current` = TRUE) THEN 1 ELSE 0 END AS `present`;

DROP TABLE IF EXISTS `temp__account_delta`;

CREATE TABLE `temp__account_delta` AS
SELECT s.`account_id` AS `account_id`,
       s.`account_name` AS `account_name`,
       s.`balance` AS `balance`,
       s.`opened_on` AS `opened_on`,
       s.`lf_row_hash` AS `lf_row_hash`,
       CASE WHEN p.`account_id` IS NULL THEN 'I' ELSE 'U' END AS `lf_change_operation`
FROM (SELECT s.*, SHA2(CONCAT(CASE WHEN s.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`account_name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`account_name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`account_name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`balance` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN s.`opened_on` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(s.`opened_on` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(s.`opened_on` AS CHAR CHARACTER SET utf8mb4)) END), 256) AS `lf_row_hash` FROM `temp__account` AS s) AS s
LEFT OUTER JOIN (SELECT `account_id`, `lf_row_hash` FROM `psg__account` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p ON s.`account_id` = p.`account_id`
WHERE p.`account_id` IS NULL OR p.`lf_row_hash` <> s.`lf_row_hash`
UNION ALL
SELECT p.`account_id` AS `account_id`,
       NULL AS `account_name`,
       NULL AS `balance`,
       NULL AS `opened_on`,
       NULL AS `lf_row_hash`,
       'D' AS `lf_change_operation`
FROM (SELECT `account_id`, `lf_row_hash` FROM `psg__account` WHERE `lf_is_current` = TRUE AND `lf_is_deleted` = FALSE) AS p
WHERE NOT EXISTS (SELECT 1 FROM `temp__account` AS s WHERE s.`account_id` = p.`account_id`);

DROP TABLE IF EXISTS `temp__account`;

RENAME TABLE `temp__account_delta` TO `temp__account`;

CREATE INDEX IF NOT EXISTS `lf_temp_key` ON `temp__account` (`account_id`);

-- ===== multiWildCardFile: payroll =====
-- the files extract delivers a change set: no comparison with persistent staging
