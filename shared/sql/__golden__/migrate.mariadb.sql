-- ===== Order "Line's =====
ALTER TABLE `psg__Order "Line's` RENAME COLUMN `item` TO `product`;

ALTER TABLE `psg__Order "Line's` MODIFY COLUMN `amount` DECIMAL(18,2) NULL;

ALTER TABLE `psg__Order "Line's` ADD COLUMN `load_batch` BIGINT NULL DEFAULT 0;

ALTER TABLE `psg__Order "Line's` MODIFY COLUMN `legacy` INT NULL;
