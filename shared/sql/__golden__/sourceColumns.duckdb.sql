-- ===== Order "Line's =====
SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'sales' AND table_name = 'order lines''s' ORDER BY ordinal_position;

-- ===== shipment =====
SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = current_schema() AND table_name = 'shipments' ORDER BY ordinal_position;

-- ===== event =====
SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() AND table_schema = 'audit' AND table_name = 'events' ORDER BY ordinal_position;
