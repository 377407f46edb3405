-- ===== Order "Line's =====
SELECT name FROM pragma_table_info('order lines''s', 'sales') ORDER BY cid;

-- ===== shipment =====
SELECT name FROM pragma_table_info('shipments') ORDER BY cid;

-- ===== event =====
SELECT name FROM pragma_table_info('events', 'audit') ORDER BY cid;
