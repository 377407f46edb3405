-- ===== Order "Line's =====
SELECT COLUMN_NAME, IS_NULLABLE, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = N'psg' AND TABLE_NAME = N'Order "Line''s' ORDER BY ORDINAL_POSITION;

SELECT 1 AS present WHERE OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NOT NULL;

SELECT [column_name], [column_type], [position] FROM [zdm].[entity_columns] WHERE [entity] = N'Order "Line''s' ORDER BY [position];
