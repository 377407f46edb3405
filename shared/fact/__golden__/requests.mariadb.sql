-- fact "requests" (mariadb)

-- ==== setup: warehouse (mariadb) ====
-- the fact's tables, created if missing

CREATE SCHEMA IF NOT EXISTS `ingest`;

CREATE TABLE IF NOT EXISTS `hosts` (
  `host_id` MEDIUMINT UNSIGNED NOT NULL AUTO_INCREMENT,
  `host_name` VARCHAR(99) NOT NULL,
  PRIMARY KEY (`host_id`),
  UNIQUE KEY `hosts__name` (`host_name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `paths` (
  `path_id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
  `path` VARCHAR(200) NOT NULL,
  PRIMARY KEY (`path_id`),
  UNIQUE KEY `paths__name` (`path`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `requests` (
  `host_id` MEDIUMINT UNSIGNED NOT NULL,
  `path_id` INT UNSIGNED NOT NULL,
  `event_at` DATETIME(6) NOT NULL,
  `bytes` DECIMAL(12,2),
  CHECK (`host_id` > 0),
  CHECK (`path_id` > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `requests_daily` (
  `host_id` MEDIUMINT UNSIGNED NOT NULL,
  `day` DATE NOT NULL,
  `requests` BIGINT NOT NULL,
  `bytes` DECIMAL(38,2),
  `largest` DECIMAL(12,2),
  PRIMARY KEY (`host_id`, `day`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `ingest`.`requests__staging` (
  `host_name` VARCHAR(99) NOT NULL,
  `path` VARCHAR(200) NOT NULL,
  `event_at` DATETIME(6) NOT NULL,
  `bytes` DECIMAL(12,2),
  `host_id` MEDIUMINT UNSIGNED NOT NULL DEFAULT 0,
  `path_id` INT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `ingest`.`requests__process` (
  `host_name` VARCHAR(99) NOT NULL,
  `path` VARCHAR(200) NOT NULL,
  `event_at` DATETIME(6) NOT NULL,
  `bytes` DECIMAL(12,2),
  `host_id` MEDIUMINT UNSIGNED NOT NULL DEFAULT 0,
  `path_id` INT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS `requests__state` (
  id INTEGER NOT NULL PRIMARY KEY,
  generation BIGINT NOT NULL,
  processed BIGINT NOT NULL,
  pulled BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT IGNORE INTO `requests__state` (id, generation, processed, pulled)
VALUES (1, 0, 0, 0);


-- ==== state: warehouse (mariadb) ====
-- a generation swapped in but not processed is processed first, and nothing is swapped

SELECT generation, processed FROM `requests__state` WHERE id = 1;


-- ==== swap: warehouse (mariadb) ====
-- RENAME TABLE swaps both names at once: inserters wait on it, then write into the new staging table

DROP TABLE IF EXISTS `ingest`.`requests__process`;

CREATE TABLE IF NOT EXISTS `ingest`.`requests__process` (
  `host_name` VARCHAR(99) NOT NULL,
  `path` VARCHAR(200) NOT NULL,
  `event_at` DATETIME(6) NOT NULL,
  `bytes` DECIMAL(12,2),
  `host_id` MEDIUMINT UNSIGNED NOT NULL DEFAULT 0,
  `path_id` INT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

UPDATE `requests__state` SET generation = generation + 1 WHERE id = 1;

RENAME TABLE `ingest`.`requests__staging` TO `ingest`.`requests__swap`, `ingest`.`requests__process` TO `ingest`.`requests__staging`, `ingest`.`requests__swap` TO `ingest`.`requests__process`;


-- ==== count: warehouse (mariadb) ====
-- the rows this pass processes

SELECT COUNT(*) FROM `ingest`.`requests__process`;


-- ==== normalize: warehouse (mariadb) ====
-- each statement in its own autocommit transaction, outside the load's

INSERT IGNORE INTO `hosts` (`host_id`, `host_name`)
SELECT m.top + ROW_NUMBER() OVER (ORDER BY s.`host_name`), s.`host_name`
FROM (
SELECT DISTINCT s.`host_name`
FROM `ingest`.`requests__process` AS s
LEFT JOIN `hosts` AS n ON n.`host_name` = s.`host_name`
WHERE n.`host_id` IS NULL
) AS s
CROSS JOIN (SELECT COALESCE(MAX(`host_id`), 0) AS top FROM `hosts`) AS m;

UPDATE `hosts` AS n
JOIN `ingest`.`requests__process` AS s ON s.`host_name` = n.`host_name`
SET s.`host_id` = n.`host_id`;

INSERT IGNORE INTO `paths` (`path_id`, `path`)
SELECT m.top + ROW_NUMBER() OVER (ORDER BY s.`path`), s.`path`
FROM (
SELECT DISTINCT s.`path`
FROM `ingest`.`requests__process` AS s
LEFT JOIN `paths` AS n ON n.`path` = s.`path`
WHERE n.`path_id` IS NULL
) AS s
CROSS JOIN (SELECT COALESCE(MAX(`path_id`), 0) AS top FROM `paths`) AS m;

UPDATE `paths` AS n
JOIN `ingest`.`requests__process` AS s ON s.`path` = n.`path`
SET s.`path_id` = n.`path_id`;


-- ==== load: warehouse (mariadb) ====
-- summaries and the copy to the fact commit together, with the mark that these rows are done

START TRANSACTION;

INSERT INTO `requests_daily` (`host_id`, `day`, `requests`, `bytes`, `largest`)
SELECT `host_id`, CAST(`event_at` AS DATE), COUNT(*), SUM(`bytes`), MAX(`bytes`)
FROM `ingest`.`requests__process`
GROUP BY `host_id`, CAST(`event_at` AS DATE)
ON DUPLICATE KEY UPDATE `requests` = `requests_daily`.`requests` + VALUES(`requests`), `bytes` = CASE WHEN `requests_daily`.`bytes` IS NULL THEN VALUES(`bytes`) WHEN VALUES(`bytes`) IS NULL THEN `requests_daily`.`bytes` ELSE `requests_daily`.`bytes` + VALUES(`bytes`) END, `largest` = CASE WHEN `requests_daily`.`largest` IS NULL OR VALUES(`largest`) > `requests_daily`.`largest` THEN VALUES(`largest`) ELSE `requests_daily`.`largest` END;

INSERT INTO `requests` (`host_id`, `path_id`, `event_at`, `bytes`)
SELECT `host_id`, `path_id`, `event_at`, `bytes`
FROM `ingest`.`requests__process`;

UPDATE `requests__state` SET processed = generation WHERE id = 1;

COMMIT;
