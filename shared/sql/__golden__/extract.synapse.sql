-- ===== full: Order "Line's =====
SELECT [order_id],
       [line no],
       UPPER(product_name) AS [product],
       [weird "col" [x]] `y`],
       CAST(CAST([amount] AS DECIMAL(18,2)) AS VARCHAR(20)) AS [amount],
       [is_gift],
       CAST(N'it''s \ ERP' AS NVARCHAR(20)) AS [source_system],
       CAST(42 AS BIGINT) AS [load_batch]
FROM [sales].[order lines's];

-- ===== incremental: customer =====
WITH changes AS (
  SELECT customer_id, MAX(changed_at) AS changed_at FROM customer_log WHERE note <> ')' GROUP BY customer_id
), /* between CTEs: WITH x AS ( */ active (customer_id) AS (
  SELECT customer_id FROM customers WHERE active = 1
)
SELECT [customer_id],
       [name],
       COALESCE(changed_at, updated_at) AS [modified_at],
       [row_version],
       [balance]
FROM (
SELECT c.customer_id, c.name, c.updated_at, ch.changed_at, c.row_version, c.balance
FROM customers AS c JOIN active AS a ON a.customer_id = c.customer_id
LEFT JOIN changes AS ch ON ch.customer_id = c.customer_id -- the last line is a comment
) AS src
WHERE ((COALESCE(changed_at, updated_at)) >= CAST(N'2026-06-29 21:30:00.1234567' AS DATETIME2(7))
    OR ([row_version]) >= 9007199254740983);

-- ===== incremental, first run: customer =====
WITH changes AS (
  SELECT customer_id, MAX(changed_at) AS changed_at FROM customer_log WHERE note <> ')' GROUP BY customer_id
), /* between CTEs: WITH x AS ( */ active (customer_id) AS (
  SELECT customer_id FROM customers WHERE active = 1
)
SELECT [customer_id],
       [name],
       COALESCE(changed_at, updated_at) AS [modified_at],
       [row_version],
       [balance]
FROM (
SELECT c.customer_id, c.name, c.updated_at, ch.changed_at, c.row_version, c.balance
FROM customers AS c JOIN active AS a ON a.customer_id = c.customer_id
LEFT JOIN changes AS ch ON ch.customer_id = c.customer_id -- the last line is a comment
) AS src;

-- ===== dateRange (date): shipment =====
SELECT [shipment_id],
       [ship_date],
       [carrier]
FROM [shipments]
WHERE ([ship_date]) >= CAST(N'2026-06-23' AS DATE) AND ([ship_date]) <= CAST(N'2026-06-30' AS DATE);

-- ===== dateRange (datetime): event =====
SELECT [event_id],
       [event_time],
       [recorded_at],
       [start],
       [score],
       [ratio],
       [kind],
       [raw]
FROM [audit].[events]
WHERE ([event_time]) >= CAST(N'2026-06-27 00:00:00' AS DATETIME2(7)) AND ([event_time]) < CAST(N'2026-07-01 00:00:00' AS DATETIME2(7));

-- ===== incremental (datetimeoffset): event =====
SELECT [event_id],
       [event_time],
       [recorded_at],
       [start],
       [score],
       [ratio],
       [kind],
       [raw]
FROM [audit].[events]
WHERE ([recorded_at]) > TODATETIMEOFFSET(CAST(CAST(N'2026-06-29 23:30:00.1234567' AS DATETIME2(7)) AS DATETIME2(7)), '+00:00');
