-- ===== full: Order "Line's =====
SELECT estimated_size FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'sales' AND table_name = 'order lines''s';

-- ===== a table in the connection's default schema: shipments =====
SELECT estimated_size FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = current_schema() AND table_name = 'shipments';
