-- ===== Order "Line's =====
SELECT COLUMN_NAME, IS_NULLABLE, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'psg__Order "Line''s' ORDER BY ORDINAL_POSITION;

SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'zdm__entity_columns';

SELECT `column_name`, `column_type`, `position` FROM `zdm__entity_columns` WHERE `entity` = 'Order "Line''s' ORDER BY `position`;
