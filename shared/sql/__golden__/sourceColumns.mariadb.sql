-- ===== Order "Line's =====
SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'sales' AND TABLE_NAME = 'order lines''s' ORDER BY ORDINAL_POSITION;

-- ===== shipment =====
SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'shipments' ORDER BY ORDINAL_POSITION;

-- ===== event =====
SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'audit' AND TABLE_NAME = 'events' ORDER BY ORDINAL_POSITION;
