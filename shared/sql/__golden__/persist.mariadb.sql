-- ===== full: Order "Line's =====
START TRANSACTION;

UPDATE `psg__Order "Line's` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`order_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`order_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`order_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`line no` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`line no` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`line no` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`product` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`product` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`product` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`weird "col" [x] ``y``` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`weird "col" [x] ``y``` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`weird "col" [x] ``y``` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`amount` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`amount` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`amount` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`is_gift` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`is_gift` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`is_gift` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`source_system` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`source_system` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`source_system` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`load_batch` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`load_batch` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`load_batch` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'Order "Line''s' AND h.`scheme` = CONCAT('text/1', '/columns:2cfe52284df41a5e'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'Order "Line''s';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('Order "Line''s', CONCAT('text/1', '/columns:2cfe52284df41a5e'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__Order "Line's` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__Order "Line's` AS c WHERE c.`order_id` = p.`order_id` AND c.`line no` = p.`line no`
    AND ((c.`lf_change_operation` = 'D' AND p.`lf_is_deleted` = FALSE) OR (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> c.`lf_row_hash`))));

INSERT INTO `psg__Order "Line's` (`order_id`, `line no`, `product`, `weird "col" [x] ``y```, `amount`, `is_gift`, `source_system`, `load_batch`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`order_id`, p.`line no`, p.`product`, p.`weird "col" [x] ``y```, p.`amount`, p.`is_gift`, p.`source_system`, p.`load_batch`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__Order "Line's` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND EXISTS (SELECT 1 FROM `temp__Order "Line's` AS c WHERE c.`order_id` = p.`order_id` AND c.`line no` = p.`line no` AND c.`lf_change_operation` = 'D')
  AND NOT EXISTS (SELECT 1 FROM `psg__Order "Line's` AS n WHERE n.`order_id` = p.`order_id` AND n.`line no` = p.`line no` AND n.`lf_is_current` = TRUE);

INSERT INTO `psg__Order "Line's` (`order_id`, `line no`, `product`, `weird "col" [x] ``y```, `amount`, `is_gift`, `source_system`, `load_batch`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`order_id`, c.`line no`, c.`product`, c.`weird "col" [x] ``y```, c.`amount`, c.`is_gift`, c.`source_system`, c.`load_batch`, c.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__Order "Line's` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__Order "Line's` AS p WHERE p.`order_id` = c.`order_id` AND p.`line no` = c.`line no` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'Order "Line''s';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('Order "Line''s', 1, 'order_id', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 2, 'line no', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 3, 'product', 'string(50)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 4, 'weird "col" [x] `y`', 'string', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 5, 'amount', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 6, 'is_gift', 'boolean', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 7, 'source_system', 'string(20)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 8, 'load_batch', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', -1, 'order_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', -2, 'line no', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== full: Order "Line's, no current version =====
START TRANSACTION;

UPDATE `psg__Order "Line's` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`order_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`order_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`order_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`line no` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`line no` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`line no` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`product` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`product` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`product` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`weird "col" [x] ``y``` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`weird "col" [x] ``y``` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`weird "col" [x] ``y``` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`amount` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`amount` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`amount` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`is_gift` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`is_gift` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`is_gift` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`source_system` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`source_system` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`source_system` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`load_batch` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`load_batch` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`load_batch` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'Order "Line''s' AND h.`scheme` = CONCAT('text/1', '/columns:2cfe52284df41a5e'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'Order "Line''s';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('Order "Line''s', CONCAT('text/1', '/columns:2cfe52284df41a5e'), TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `psg__Order "Line's` (`order_id`, `line no`, `product`, `weird "col" [x] ``y```, `amount`, `is_gift`, `source_system`, `load_batch`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`order_id`, c.`line no`, c.`product`, c.`weird "col" [x] ``y```, c.`amount`, c.`is_gift`, c.`source_system`, c.`load_batch`, SHA2(CONCAT(CASE WHEN c.`order_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`order_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`order_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`line no` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`line no` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`line no` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`product` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`product` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`product` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`weird "col" [x] ``y``` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`weird "col" [x] ``y``` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`weird "col" [x] ``y``` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`amount` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`amount` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`amount` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`is_gift` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`is_gift` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`is_gift` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`source_system` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`source_system` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`source_system` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`load_batch` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`load_batch` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`load_batch` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__Order "Line's` AS c;

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'Order "Line''s';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('Order "Line''s', 1, 'order_id', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 2, 'line no', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 3, 'product', 'string(50)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 4, 'weird "col" [x] `y`', 'string', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 5, 'amount', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 6, 'is_gift', 'boolean', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 7, 'source_system', 'string(20)', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', 8, 'load_batch', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', -1, 'order_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456'),
('Order "Line''s', -2, 'line no', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental: customer =====
START TRANSACTION;

UPDATE `psg__customer` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`customer_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`customer_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`customer_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`modified_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`modified_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`modified_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`row_version` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`row_version` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`row_version` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'customer' AND h.`scheme` = CONCAT('text/1', '/columns:3bf1a90155cd6c1f'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'customer';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('customer', CONCAT('text/1', '/columns:3bf1a90155cd6c1f'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__customer` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__customer` AS c WHERE c.`customer_id` = p.`customer_id`
    AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> SHA2(CONCAT(CASE WHEN c.`customer_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`customer_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`customer_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`modified_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`modified_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`modified_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`row_version` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`row_version` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`row_version` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) END), 256)));

INSERT INTO `psg__customer` (`customer_id`, `name`, `modified_at`, `row_version`, `balance`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`customer_id`, c.`name`, c.`modified_at`, c.`row_version`, c.`balance`, SHA2(CONCAT(CASE WHEN c.`customer_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`customer_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`customer_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`modified_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`modified_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`modified_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`row_version` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`row_version` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`row_version` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__customer` AS c
WHERE NOT EXISTS (SELECT 1 FROM `psg__customer` AS p WHERE p.`customer_id` = c.`customer_id` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'customer' AND `parameter` = 'modified_at' AND EXISTS (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL);

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
SELECT 'customer', 'modified_at', v.`value`, TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL) AS v;

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'customer', 'modified_at', '2026-06-29T23:30:00.1234567Z', v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL) AS v
WHERE (v.`value` IS NULL OR v.`value` <> '2026-06-29T23:30:00.1234567Z');

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'customer' AND `parameter` = 'row_version' AND EXISTS (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL);

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
SELECT 'customer', 'row_version', v.`value`, TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL) AS v;

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'customer', 'row_version', '9007199254740993', v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL) AS v
WHERE (v.`value` IS NULL OR v.`value` <> '9007199254740993');

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'customer';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('customer', 1, 'customer_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental, first run: customer =====
START TRANSACTION;

UPDATE `psg__customer` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`customer_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`customer_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`customer_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`modified_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`modified_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`modified_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`row_version` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`row_version` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`row_version` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'customer' AND h.`scheme` = CONCAT('text/1', '/columns:3bf1a90155cd6c1f'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'customer';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('customer', CONCAT('text/1', '/columns:3bf1a90155cd6c1f'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__customer` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__customer` AS c WHERE c.`customer_id` = p.`customer_id`
    AND (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> c.`lf_row_hash`)));

INSERT INTO `psg__customer` (`customer_id`, `name`, `modified_at`, `row_version`, `balance`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`customer_id`, c.`name`, c.`modified_at`, c.`row_version`, c.`balance`, c.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__customer` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__customer` AS p WHERE p.`customer_id` = c.`customer_id` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'customer' AND `parameter` = 'modified_at' AND EXISTS (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL);

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
SELECT 'customer', 'modified_at', v.`value`, TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL) AS v;

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'customer', 'modified_at', NULL, v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL) AS v
WHERE v.`value` IS NOT NULL;

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'customer' AND `parameter` = 'row_version' AND EXISTS (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL);

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
SELECT 'customer', 'row_version', v.`value`, TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL) AS v;

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'customer', 'row_version', NULL, v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL) AS v
WHERE v.`value` IS NOT NULL;

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'customer';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('customer', 1, 'customer_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== incremental, first run: customer, no current version =====
START TRANSACTION;

UPDATE `psg__customer` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`customer_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`customer_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`customer_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`modified_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`modified_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`modified_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`row_version` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`row_version` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`row_version` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'customer' AND h.`scheme` = CONCAT('text/1', '/columns:3bf1a90155cd6c1f'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'customer';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('customer', CONCAT('text/1', '/columns:3bf1a90155cd6c1f'), TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `psg__customer` (`customer_id`, `name`, `modified_at`, `row_version`, `balance`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`customer_id`, c.`name`, c.`modified_at`, c.`row_version`, c.`balance`, SHA2(CONCAT(CASE WHEN c.`customer_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`customer_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`customer_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`modified_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`modified_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`modified_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`row_version` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`row_version` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`row_version` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__customer` AS c;

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'customer' AND `parameter` = 'modified_at' AND EXISTS (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL);

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
SELECT 'customer', 'modified_at', v.`value`, TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL) AS v;

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'customer', 'modified_at', NULL, v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX(`modified_at`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`modified_at`) IS NOT NULL) AS v
WHERE v.`value` IS NOT NULL;

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'customer' AND `parameter` = 'row_version' AND EXISTS (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL);

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
SELECT 'customer', 'row_version', v.`value`, TIMESTAMP '2026-06-30 01:02:03.456' FROM (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL) AS v;

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'customer', 'row_version', NULL, v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT CAST(MAX(`row_version`) AS CHAR) AS `value` FROM `psg__customer` HAVING MAX(`row_version`) IS NOT NULL) AS v
WHERE v.`value` IS NOT NULL;

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'customer';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('customer', 1, 'customer_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 2, 'name', 'string(100)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 3, 'modified_at', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 4, 'row_version', 'bigint', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', 5, 'balance', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('customer', -1, 'customer_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (date): shipment =====
START TRANSACTION;

UPDATE `psg__shipment` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`shipment_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`shipment_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`shipment_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`ship_date` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`ship_date` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`ship_date` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`carrier` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`carrier` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`carrier` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'shipment' AND h.`scheme` = CONCAT('text/1', '/columns:8ed9220a9696d520'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'shipment';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('shipment', CONCAT('text/1', '/columns:8ed9220a9696d520'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__shipment` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__shipment` AS c WHERE c.`shipment_id` = p.`shipment_id`
    AND ((c.`lf_change_operation` = 'D' AND p.`lf_is_deleted` = FALSE) OR (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> c.`lf_row_hash`))));

INSERT INTO `psg__shipment` (`shipment_id`, `ship_date`, `carrier`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`shipment_id`, p.`ship_date`, p.`carrier`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__shipment` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND EXISTS (SELECT 1 FROM `temp__shipment` AS c WHERE c.`shipment_id` = p.`shipment_id` AND c.`lf_change_operation` = 'D')
  AND NOT EXISTS (SELECT 1 FROM `psg__shipment` AS n WHERE n.`shipment_id` = p.`shipment_id` AND n.`lf_is_current` = TRUE);

INSERT INTO `psg__shipment` (`shipment_id`, `ship_date`, `carrier`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`shipment_id`, c.`ship_date`, c.`carrier`, c.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__shipment` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__shipment` AS p WHERE p.`shipment_id` = c.`shipment_id` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'shipment';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('shipment', 1, 'shipment_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', 2, 'ship_date', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', 3, 'carrier', 'string(30)', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', -1, 'shipment_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (date): shipment, no current version =====
START TRANSACTION;

UPDATE `psg__shipment` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`shipment_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`shipment_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`shipment_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`ship_date` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`ship_date` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`ship_date` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`carrier` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`carrier` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`carrier` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'shipment' AND h.`scheme` = CONCAT('text/1', '/columns:8ed9220a9696d520'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'shipment';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('shipment', CONCAT('text/1', '/columns:8ed9220a9696d520'), TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `psg__shipment` (`shipment_id`, `ship_date`, `carrier`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`shipment_id`, c.`ship_date`, c.`carrier`, SHA2(CONCAT(CASE WHEN c.`shipment_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`shipment_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`shipment_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`ship_date` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`ship_date` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`ship_date` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`carrier` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`carrier` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`carrier` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__shipment` AS c;

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'shipment';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('shipment', 1, 'shipment_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', 2, 'ship_date', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', 3, 'carrier', 'string(30)', TIMESTAMP '2026-06-30 01:02:03.456'),
('shipment', -1, 'shipment_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (datetime): event =====
START TRANSACTION;

UPDATE `psg__event` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`event_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`event_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`event_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`event_time` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`event_time` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`event_time` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`recorded_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`recorded_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`recorded_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`start` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`start` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`start` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`score` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`score` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`score` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`ratio` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`ratio` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`ratio` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`kind` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`kind` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`kind` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`raw` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(HEX(p.`raw`)) AS CHAR), ':', HEX(p.`raw`)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'event' AND h.`scheme` = CONCAT('text/1', '/columns:6ab89cbbc9bafbdd'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'event';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('event', CONCAT('text/1', '/columns:6ab89cbbc9bafbdd'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__event` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__event` AS c WHERE c.`event_id` = p.`event_id`
    AND ((c.`lf_change_operation` = 'D' AND p.`lf_is_deleted` = FALSE) OR (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> c.`lf_row_hash`))));

INSERT INTO `psg__event` (`event_id`, `event_time`, `recorded_at`, `start`, `score`, `ratio`, `kind`, `raw`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`event_id`, p.`event_time`, p.`recorded_at`, p.`start`, p.`score`, p.`ratio`, p.`kind`, p.`raw`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__event` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND EXISTS (SELECT 1 FROM `temp__event` AS c WHERE c.`event_id` = p.`event_id` AND c.`lf_change_operation` = 'D')
  AND NOT EXISTS (SELECT 1 FROM `psg__event` AS n WHERE n.`event_id` = p.`event_id` AND n.`lf_is_current` = TRUE);

INSERT INTO `psg__event` (`event_id`, `event_time`, `recorded_at`, `start`, `score`, `ratio`, `kind`, `raw`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`event_id`, c.`event_time`, c.`recorded_at`, c.`start`, c.`score`, c.`ratio`, c.`kind`, c.`raw`, c.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__event` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__event` AS p WHERE p.`event_id` = c.`event_id` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'event';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('event', 1, 'event_id', 'uuid', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 2, 'event_time', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 3, 'recorded_at', 'datetimeoffset', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 4, 'start', 'time', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 5, 'score', 'double', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 6, 'ratio', 'float', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 7, 'kind', 'smallint', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 8, 'raw', 'binary(16)', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', -1, 'event_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== dateRange (datetime): event, no current version =====
START TRANSACTION;

UPDATE `psg__event` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`event_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`event_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`event_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`event_time` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`event_time` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`event_time` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`recorded_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`recorded_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`recorded_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`start` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`start` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`start` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`score` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`score` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`score` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`ratio` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`ratio` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`ratio` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`kind` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`kind` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`kind` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`raw` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(HEX(p.`raw`)) AS CHAR), ':', HEX(p.`raw`)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'event' AND h.`scheme` = CONCAT('text/1', '/columns:6ab89cbbc9bafbdd'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'event';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('event', CONCAT('text/1', '/columns:6ab89cbbc9bafbdd'), TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `psg__event` (`event_id`, `event_time`, `recorded_at`, `start`, `score`, `ratio`, `kind`, `raw`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`event_id`, c.`event_time`, c.`recorded_at`, c.`start`, c.`score`, c.`ratio`, c.`kind`, c.`raw`, SHA2(CONCAT(CASE WHEN c.`event_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`event_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`event_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`event_time` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`event_time` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`event_time` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`recorded_at` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`recorded_at` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`recorded_at` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`start` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`start` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`start` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`score` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`score` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`score` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`ratio` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`ratio` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`ratio` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`kind` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`kind` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`kind` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`raw` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(HEX(c.`raw`)) AS CHAR), ':', HEX(c.`raw`)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__event` AS c;

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'event';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('event', 1, 'event_id', 'uuid', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 2, 'event_time', 'datetime', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 3, 'recorded_at', 'datetimeoffset', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 4, 'start', 'time', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 5, 'score', 'double', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 6, 'ratio', 'float', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 7, 'kind', 'smallint', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', 8, 'raw', 'binary(16)', TIMESTAMP '2026-06-30 01:02:03.456'),
('event', -1, 'event_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking: account =====
START TRANSACTION;

UPDATE `psg__account` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`account_name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`account_name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`account_name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`opened_on` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`opened_on` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`opened_on` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'account' AND h.`scheme` = CONCAT('text/1', '/columns:73c0c640d35e67ce'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'account';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('account', CONCAT('text/1', '/columns:73c0c640d35e67ce'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__account` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__account` AS c WHERE c.`account_id` = p.`account_id`
    AND ((c.`lf_change_operation` = 'D' AND p.`lf_is_deleted` = FALSE) OR (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> SHA2(CONCAT(CASE WHEN c.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`account_name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`account_name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`account_name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`opened_on` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`opened_on` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`opened_on` AS CHAR CHARACTER SET utf8mb4)) END), 256)))));

INSERT INTO `psg__account` (`account_id`, `account_name`, `balance`, `opened_on`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`account_id`, p.`account_name`, p.`balance`, p.`opened_on`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__account` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND EXISTS (SELECT 1 FROM `temp__account` AS c WHERE c.`account_id` = p.`account_id` AND c.`lf_change_operation` = 'D')
  AND NOT EXISTS (SELECT 1 FROM `psg__account` AS n WHERE n.`account_id` = p.`account_id` AND n.`lf_is_current` = TRUE);

INSERT INTO `psg__account` (`account_id`, `account_name`, `balance`, `opened_on`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`account_id`, c.`account_name`, c.`balance`, c.`opened_on`, SHA2(CONCAT(CASE WHEN c.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`account_name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`account_name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`account_name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`opened_on` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`opened_on` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`opened_on` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__account` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__account` AS p WHERE p.`account_id` = c.`account_id` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'account' AND `parameter` = 'change_tracking_version';

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
VALUES ('account', 'change_tracking_version', '250', TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'account', 'change_tracking_version', '100', v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS `value`) AS v
WHERE (v.`value` IS NULL OR v.`value` <> '100');

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'account';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('account', 1, 'account_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking, expired version: account =====
START TRANSACTION;

UPDATE `psg__account` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`account_name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`account_name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`account_name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`opened_on` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`opened_on` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`opened_on` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'account' AND h.`scheme` = CONCAT('text/1', '/columns:73c0c640d35e67ce'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'account';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('account', CONCAT('text/1', '/columns:73c0c640d35e67ce'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__account` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__account` AS c WHERE c.`account_id` = p.`account_id`
    AND ((c.`lf_change_operation` = 'D' AND p.`lf_is_deleted` = FALSE) OR (c.`lf_change_operation` <> 'D' AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> c.`lf_row_hash`))));

INSERT INTO `psg__account` (`account_id`, `account_name`, `balance`, `opened_on`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT p.`account_id`, p.`account_name`, p.`balance`, p.`opened_on`, p.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, TRUE, 42
FROM `psg__account` AS p
WHERE p.`lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456' AND p.`lf_is_current` = FALSE AND p.`lf_is_deleted` = FALSE
  AND EXISTS (SELECT 1 FROM `temp__account` AS c WHERE c.`account_id` = p.`account_id` AND c.`lf_change_operation` = 'D')
  AND NOT EXISTS (SELECT 1 FROM `psg__account` AS n WHERE n.`account_id` = p.`account_id` AND n.`lf_is_current` = TRUE);

INSERT INTO `psg__account` (`account_id`, `account_name`, `balance`, `opened_on`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`account_id`, c.`account_name`, c.`balance`, c.`opened_on`, c.`lf_row_hash`, TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__account` AS c
WHERE c.`lf_change_operation` <> 'D' AND NOT EXISTS (SELECT 1 FROM `psg__account` AS p WHERE p.`account_id` = c.`account_id` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'account' AND `parameter` = 'change_tracking_version';

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
VALUES ('account', 'change_tracking_version', '250', TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'account', 'change_tracking_version', '10', v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS `value`) AS v
WHERE (v.`value` IS NULL OR v.`value` <> '10');

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'account';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('account', 1, 'account_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== changeTracking, expired version: account, no current version =====
START TRANSACTION;

UPDATE `psg__account` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`account_name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`account_name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`account_name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`balance` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`opened_on` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`opened_on` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`opened_on` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'account' AND h.`scheme` = CONCAT('text/1', '/columns:73c0c640d35e67ce'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'account';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('account', CONCAT('text/1', '/columns:73c0c640d35e67ce'), TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `psg__account` (`account_id`, `account_name`, `balance`, `opened_on`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`account_id`, c.`account_name`, c.`balance`, c.`opened_on`, SHA2(CONCAT(CASE WHEN c.`account_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`account_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`account_name` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`account_name` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`account_name` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`balance` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`balance` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`opened_on` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`opened_on` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`opened_on` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__account` AS c;

DELETE FROM `zdm__control_parameters` WHERE `entity` = 'account' AND `parameter` = 'change_tracking_version';

INSERT INTO `zdm__control_parameters` (`entity`, `parameter`, `value`, `updated_at`)
VALUES ('account', 'change_tracking_version', '250', TIMESTAMP '2026-06-30 01:02:03.456');

INSERT INTO `zdm__control_parameter_history` (`entity`, `parameter`, `old_value`, `new_value`, `run_id`, `changed_at`, `changed_by`)
SELECT 'account', 'change_tracking_version', '10', v.`value`, 'r1', TIMESTAMP '2026-06-30 01:02:03.456', 'run'
FROM (SELECT '250' AS `value`) AS v
WHERE (v.`value` IS NULL OR v.`value` <> '10');

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'account';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('account', 1, 'account_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 2, 'account_name', 'string(200)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 3, 'balance', 'decimal(18,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', 4, 'opened_on', 'date', TIMESTAMP '2026-06-30 01:02:03.456'),
('account', -1, 'account_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;

-- ===== multiWildCardFile: payroll =====
START TRANSACTION;

UPDATE `psg__payroll` AS p
SET `lf_row_hash` = SHA2(CONCAT(CASE WHEN p.`employee_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`employee_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`employee_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`period` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`period` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`period` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN p.`gross` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(p.`gross` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(p.`gross` AS CHAR CHARACTER SET utf8mb4)) END), 256)
WHERE p.`lf_is_current` = TRUE
  AND NOT EXISTS (SELECT 1 FROM `zdm__row_hash_schemes` AS h WHERE h.`entity` = 'payroll' AND h.`scheme` = CONCAT('text/1', '/columns:2b9710dd07d30c0b'));

DELETE FROM `zdm__row_hash_schemes` WHERE `entity` = 'payroll';

INSERT INTO `zdm__row_hash_schemes` (`entity`, `scheme`, `updated_at`)
VALUES ('payroll', CONCAT('text/1', '/columns:2b9710dd07d30c0b'), TIMESTAMP '2026-06-30 01:02:03.456');

UPDATE `psg__payroll` AS p
SET `lf_valid_to` = TIMESTAMP '2026-06-30 01:02:03.456', `lf_is_current` = FALSE
WHERE p.`lf_is_current` = TRUE
  AND EXISTS (SELECT 1 FROM `temp__payroll` AS c WHERE c.`employee_id` = p.`employee_id` AND c.`period` = p.`period`
    AND (p.`lf_is_deleted` = TRUE OR p.`lf_row_hash` <> SHA2(CONCAT(CASE WHEN c.`employee_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`employee_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`employee_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`period` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`period` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`period` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`gross` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`gross` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`gross` AS CHAR CHARACTER SET utf8mb4)) END), 256)));

INSERT INTO `psg__payroll` (`employee_id`, `period`, `gross`, `lf_row_hash`, `lf_valid_from`, `lf_valid_to`, `lf_is_current`, `lf_is_deleted`, `lf_batch_id`)
SELECT c.`employee_id`, c.`period`, c.`gross`, SHA2(CONCAT(CASE WHEN c.`employee_id` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`employee_id` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`employee_id` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`period` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`period` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`period` AS CHAR CHARACTER SET utf8mb4)) END, CASE WHEN c.`gross` IS NULL THEN 'N' ELSE CONCAT('V', CAST(CHAR_LENGTH(CAST(c.`gross` AS CHAR CHARACTER SET utf8mb4)) AS CHAR), ':', CAST(c.`gross` AS CHAR CHARACTER SET utf8mb4)) END), 256), TIMESTAMP '2026-06-30 01:02:03.456', NULL, TRUE, FALSE, 42
FROM `temp__payroll` AS c
WHERE NOT EXISTS (SELECT 1 FROM `psg__payroll` AS p WHERE p.`employee_id` = c.`employee_id` AND p.`period` = c.`period` AND p.`lf_is_current` = TRUE);

DELETE FROM `zdm__entity_columns` WHERE `entity` = 'payroll';

INSERT INTO `zdm__entity_columns` (`entity`, `position`, `column_name`, `column_type`, `updated_at`) VALUES
('payroll', 1, 'employee_id', 'int', TIMESTAMP '2026-06-30 01:02:03.456'),
('payroll', 2, 'period', 'string(7)', TIMESTAMP '2026-06-30 01:02:03.456'),
('payroll', 3, 'gross', 'decimal(12,2)', TIMESTAMP '2026-06-30 01:02:03.456'),
('payroll', -1, 'employee_id', 'business key', TIMESTAMP '2026-06-30 01:02:03.456'),
('payroll', -2, 'period', 'business key', TIMESTAMP '2026-06-30 01:02:03.456');

COMMIT;
