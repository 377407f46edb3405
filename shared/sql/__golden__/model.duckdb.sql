-- ===== Order "Line's =====
SELECT column_name, is_nullable, data_type FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'psg' AND table_name = 'Order "Line''s' ORDER BY ordinal_position;

SELECT 1 FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = 'zdm' AND table_name = 'entity_columns';

SELECT "column_name", "column_type", "position" FROM "zdm"."entity_columns" WHERE "entity" = 'Order "Line''s' ORDER BY "position";
