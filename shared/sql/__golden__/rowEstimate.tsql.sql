-- ===== full: Order "Line's =====
SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(N'[sales].[order lines''s]') AND p.index_id IN (0, 1);

-- ===== a table in the connection's default schema: shipments =====
SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = OBJECT_ID(N'[shipments]') AND p.index_id IN (0, 1);
