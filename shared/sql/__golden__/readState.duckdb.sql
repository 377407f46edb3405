-- ===== Order "Line's =====
SELECT "parameter", "value" FROM "zdm"."control_parameters" WHERE "entity" = 'Order "Line''s';

-- ===== customer =====
SELECT "parameter", "value" FROM "zdm"."control_parameters" WHERE "entity" = 'customer';

-- ===== shipment =====
SELECT "parameter", "value" FROM "zdm"."control_parameters" WHERE "entity" = 'shipment';

-- ===== event =====
SELECT "parameter", "value" FROM "zdm"."control_parameters" WHERE "entity" = 'event';

-- ===== account =====
SELECT "parameter", "value" FROM "zdm"."control_parameters" WHERE "entity" = 'account';
