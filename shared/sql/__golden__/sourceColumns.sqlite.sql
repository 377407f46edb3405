-- ===== Order "Line's =====
SELECT name FROM pragma_table_info('order lines''s', 'sales') ORDER BY cid;

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
SELECT name FROM pragma_table_info('shipments') ORDER BY cid;

-- ===== event =====
SELECT name FROM pragma_table_info('events', 'audit') ORDER BY cid;
