-- ===== full: Order "Line's =====
SELECT COUNT(*) FROM "sales"."order lines's";

-- ===== a table in the connection's default schema: shipments =====
SELECT COUNT(*) FROM "shipments";
