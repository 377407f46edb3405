-- ===== Order "Line's =====
SELECT name, CASE WHEN "notnull" = 1 THEN 'NO' ELSE 'YES' END, type FROM pragma_table_info('psg__Order "Line''s') ORDER BY cid;

SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'zdm__entity_columns';

SELECT "column_name", "column_type", "position" FROM "zdm__entity_columns" WHERE "entity" = 'Order "Line''s' ORDER BY "position";
