-- ===== full: Order "Line's =====
SELECT CASE WHEN (SELECT type FROM "sales".sqlite_master WHERE name = 'order lines''s') = 'table' THEN (SELECT COUNT(*) FROM "sales"."order lines's") END;

-- ===== a table in the connection's default schema: shipments =====
SELECT CASE WHEN (SELECT type FROM sqlite_master WHERE name = 'shipments') = 'table' THEN (SELECT COUNT(*) FROM "shipments") END;
