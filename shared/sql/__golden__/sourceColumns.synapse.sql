-- ===== Order "Line's =====
SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = N'sales' AND TABLE_NAME = N'order lines''s' ORDER BY ORDINAL_POSITION;

-- ===== customer =====
WITH changes AS (
  SELECT customer_id, MAX(changed_at) AS changed_at FROM customer_log WHERE note <> ')' GROUP BY customer_id
), /* between CTEs: WITH x AS ( */ active (customer_id) AS (
  SELECT customer_id FROM customers WHERE active = 1
)
SELECT * FROM (
SELECT c.customer_id, c.name, c.updated_at, ch.changed_at, c.row_version, c.balance
FROM customers AS c JOIN active AS a ON a.customer_id = c.customer_id
LEFT JOIN changes AS ch ON ch.customer_id = c.customer_id -- the last line is a comment
) AS src
WHERE 1 = 0;

-- ===== shipment =====
SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = SCHEMA_NAME() AND TABLE_NAME = N'shipments' ORDER BY ORDINAL_POSITION;

-- ===== event =====
SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = N'audit' AND TABLE_NAME = N'events' ORDER BY ORDINAL_POSITION;
