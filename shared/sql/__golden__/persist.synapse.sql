-- ===== full: Order "Line's =====
BEGIN TRANSACTION;

UPDATE [psg].[Order "Line's]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[Order "Line's].[order_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[order_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[order_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[line no] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[line no] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[line no] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[product] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[product] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[product] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[weird "col" [x]] `y`] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[weird "col" [x]] `y`] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[weird "col" [x]] `y`] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[amount] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[amount] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[amount] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[is_gift] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[is_gift] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[is_gift] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[source_system] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[source_system] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[source_system] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[load_batch] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[load_batch] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[load_batch] AS NVARCHAR(MAX))) END)), 2)
WHERE [psg].[Order "Line's].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'Order "Line''s' AND h.[scheme] = CONCAT('text/1', N'/columns:2cfe52284df41a5e'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'Order "Line''s';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'Order "Line''s', CONCAT('text/1', N'/columns:2cfe52284df41a5e'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE [psg].[Order "Line's]
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
WHERE [psg].[Order "Line's].[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[Order "Line's] AS c WHERE c.[order_id] = [psg].[Order "Line's].[order_id] AND c.[line no] = [psg].[Order "Line's].[line no]
    AND ((c.[lf_change_operation] = 'D' AND [psg].[Order "Line's].[lf_is_deleted] = 0) OR (c.[lf_change_operation] <> 'D' AND ([psg].[Order "Line's].[lf_is_deleted] = 1 OR [psg].[Order "Line's].[lf_row_hash] <> c.[lf_row_hash]))));

INSERT INTO [psg].[Order "Line's] ([order_id], [line no], [product], [weird "col" [x]] `y`], [amount], [is_gift], [source_system], [load_batch], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[order_id], p.[line no], p.[product], p.[weird "col" [x]] `y`], p.[amount], p.[is_gift], p.[source_system], p.[load_batch], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[Order "Line's] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND EXISTS (SELECT 1 FROM [temp].[Order "Line's] AS c WHERE c.[order_id] = p.[order_id] AND c.[line no] = p.[line no] AND c.[lf_change_operation] = 'D')
  AND NOT EXISTS (SELECT 1 FROM [psg].[Order "Line's] AS n WHERE n.[order_id] = p.[order_id] AND n.[line no] = p.[line no] AND n.[lf_is_current] = 1);

INSERT INTO [psg].[Order "Line's] ([order_id], [line no], [product], [weird "col" [x]] `y`], [amount], [is_gift], [source_system], [load_batch], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[order_id], c.[line no], c.[product], c.[weird "col" [x]] `y`], c.[amount], c.[is_gift], c.[source_system], c.[load_batch], c.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[Order "Line's] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[Order "Line's] AS p WHERE p.[order_id] = c.[order_id] AND p.[line no] = c.[line no] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'Order "Line''s';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'Order "Line''s', 1, N'order_id', N'bigint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 2, N'line no', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 3, N'product', N'string(50)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 4, N'weird "col" [x] `y`', N'string', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 5, N'amount', N'decimal(18,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 6, N'is_gift', N'boolean', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 7, N'source_system', N'string(20)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 8, N'load_batch', N'bigint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', -1, N'order_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', -2, N'line no', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== full: Order "Line's, no current version =====
BEGIN TRANSACTION;

UPDATE [psg].[Order "Line's]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[Order "Line's].[order_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[order_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[order_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[line no] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[line no] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[line no] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[product] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[product] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[product] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[weird "col" [x]] `y`] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[weird "col" [x]] `y`] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[weird "col" [x]] `y`] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[amount] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[amount] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[amount] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[is_gift] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[is_gift] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[is_gift] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[source_system] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[source_system] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[source_system] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[Order "Line's].[load_batch] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[Order "Line's].[load_batch] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[Order "Line's].[load_batch] AS NVARCHAR(MAX))) END)), 2)
WHERE [psg].[Order "Line's].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'Order "Line''s' AND h.[scheme] = CONCAT('text/1', N'/columns:2cfe52284df41a5e'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'Order "Line''s';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'Order "Line''s', CONCAT('text/1', N'/columns:2cfe52284df41a5e'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [psg].[Order "Line's] ([order_id], [line no], [product], [weird "col" [x]] `y`], [amount], [is_gift], [source_system], [load_batch], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[order_id], c.[line no], c.[product], c.[weird "col" [x]] `y`], c.[amount], c.[is_gift], c.[source_system], c.[load_batch], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[order_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[order_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[order_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[line no] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[line no] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[line no] AS NVARCHAR(MAX))) END, CASE WHEN c.[product] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[product] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[product] AS NVARCHAR(MAX))) END, CASE WHEN c.[weird "col" [x]] `y`] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[weird "col" [x]] `y`] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[weird "col" [x]] `y`] AS NVARCHAR(MAX))) END, CASE WHEN c.[amount] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[amount] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[amount] AS NVARCHAR(MAX))) END, CASE WHEN c.[is_gift] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[is_gift] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[is_gift] AS NVARCHAR(MAX))) END, CASE WHEN c.[source_system] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[source_system] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[source_system] AS NVARCHAR(MAX))) END, CASE WHEN c.[load_batch] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[load_batch] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[load_batch] AS NVARCHAR(MAX))) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[Order "Line's] AS c;

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'Order "Line''s';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'Order "Line''s', 1, N'order_id', N'bigint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 2, N'line no', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 3, N'product', N'string(50)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 4, N'weird "col" [x] `y`', N'string', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 5, N'amount', N'decimal(18,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 6, N'is_gift', N'boolean', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 7, N'source_system', N'string(20)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', 8, N'load_batch', N'bigint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', -1, N'order_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'Order "Line''s', -2, N'line no', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== incremental: customer =====
BEGIN TRANSACTION;

UPDATE [psg].[customer]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[customer].[customer_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[customer_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[customer_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[name] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[modified_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[customer].[modified_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[customer].[modified_at], 126)) END, CASE WHEN [psg].[customer].[row_version] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[row_version] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[row_version] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[balance] AS NVARCHAR(MAX))) END)), 2)
WHERE [psg].[customer].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'customer' AND h.[scheme] = CONCAT('text/1', N'/columns:3bf1a90155cd6c1f'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'customer';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'customer', CONCAT('text/1', N'/columns:3bf1a90155cd6c1f'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE [psg].[customer]
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
WHERE [psg].[customer].[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[customer] AS c WHERE c.[customer_id] = [psg].[customer].[customer_id]
    AND ([psg].[customer].[lf_is_deleted] = 1 OR [psg].[customer].[lf_row_hash] <> CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[customer_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[customer_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[customer_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[name] AS NVARCHAR(MAX))) END, CASE WHEN c.[modified_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[modified_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[modified_at], 126)) END, CASE WHEN c.[row_version] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[row_version] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[row_version] AS NVARCHAR(MAX))) END, CASE WHEN c.[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[balance] AS NVARCHAR(MAX))) END)), 2)));

INSERT INTO [psg].[customer] ([customer_id], [name], [modified_at], [row_version], [balance], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[customer_id], c.[name], c.[modified_at], c.[row_version], c.[balance], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[customer_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[customer_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[customer_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[name] AS NVARCHAR(MAX))) END, CASE WHEN c.[modified_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[modified_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[modified_at], 126)) END, CASE WHEN c.[row_version] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[row_version] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[row_version] AS NVARCHAR(MAX))) END, CASE WHEN c.[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[balance] AS NVARCHAR(MAX))) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[customer] AS c
WHERE NOT EXISTS (SELECT 1 FROM [psg].[customer] AS p WHERE p.[customer_id] = c.[customer_id] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'customer' AND [parameter] = N'modified_at' AND EXISTS (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL);

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
SELECT N'customer', N'modified_at', v.[value], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) FROM (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL) AS v;

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'customer', N'modified_at', N'2026-06-29T23:30:00.1234567Z', v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL) AS v
WHERE (v.[value] IS NULL OR v.[value] <> N'2026-06-29T23:30:00.1234567Z');

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'customer' AND [parameter] = N'row_version' AND EXISTS (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL);

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
SELECT N'customer', N'row_version', v.[value], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) FROM (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL) AS v;

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'customer', N'row_version', N'9007199254740993', v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL) AS v
WHERE (v.[value] IS NULL OR v.[value] <> N'9007199254740993');

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'customer';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'customer', 1, N'customer_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 2, N'name', N'string(100)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 3, N'modified_at', N'datetime', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 4, N'row_version', N'bigint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 5, N'balance', N'decimal(12,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', -1, N'customer_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== incremental, first run: customer =====
BEGIN TRANSACTION;

UPDATE [psg].[customer]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[customer].[customer_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[customer_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[customer_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[name] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[modified_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[customer].[modified_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[customer].[modified_at], 126)) END, CASE WHEN [psg].[customer].[row_version] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[row_version] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[row_version] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[balance] AS NVARCHAR(MAX))) END)), 2)
WHERE [psg].[customer].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'customer' AND h.[scheme] = CONCAT('text/1', N'/columns:3bf1a90155cd6c1f'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'customer';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'customer', CONCAT('text/1', N'/columns:3bf1a90155cd6c1f'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE [psg].[customer]
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
WHERE [psg].[customer].[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[customer] AS c WHERE c.[customer_id] = [psg].[customer].[customer_id]
    AND (c.[lf_change_operation] <> 'D' AND ([psg].[customer].[lf_is_deleted] = 1 OR [psg].[customer].[lf_row_hash] <> c.[lf_row_hash])));

INSERT INTO [psg].[customer] ([customer_id], [name], [modified_at], [row_version], [balance], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[customer_id], c.[name], c.[modified_at], c.[row_version], c.[balance], c.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[customer] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[customer] AS p WHERE p.[customer_id] = c.[customer_id] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'customer' AND [parameter] = N'modified_at' AND EXISTS (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL);

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
SELECT N'customer', N'modified_at', v.[value], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) FROM (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL) AS v;

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'customer', N'modified_at', NULL, v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL) AS v
WHERE v.[value] IS NOT NULL;

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'customer' AND [parameter] = N'row_version' AND EXISTS (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL);

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
SELECT N'customer', N'row_version', v.[value], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) FROM (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL) AS v;

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'customer', N'row_version', NULL, v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL) AS v
WHERE v.[value] IS NOT NULL;

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'customer';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'customer', 1, N'customer_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 2, N'name', N'string(100)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 3, N'modified_at', N'datetime', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 4, N'row_version', N'bigint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 5, N'balance', N'decimal(12,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', -1, N'customer_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== incremental, first run: customer, no current version =====
BEGIN TRANSACTION;

UPDATE [psg].[customer]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[customer].[customer_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[customer_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[customer_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[name] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[modified_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[customer].[modified_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[customer].[modified_at], 126)) END, CASE WHEN [psg].[customer].[row_version] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[row_version] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[row_version] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[customer].[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[customer].[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[customer].[balance] AS NVARCHAR(MAX))) END)), 2)
WHERE [psg].[customer].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'customer' AND h.[scheme] = CONCAT('text/1', N'/columns:3bf1a90155cd6c1f'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'customer';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'customer', CONCAT('text/1', N'/columns:3bf1a90155cd6c1f'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [psg].[customer] ([customer_id], [name], [modified_at], [row_version], [balance], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[customer_id], c.[name], c.[modified_at], c.[row_version], c.[balance], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[customer_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[customer_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[customer_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[name] AS NVARCHAR(MAX))) END, CASE WHEN c.[modified_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[modified_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[modified_at], 126)) END, CASE WHEN c.[row_version] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[row_version] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[row_version] AS NVARCHAR(MAX))) END, CASE WHEN c.[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[balance] AS NVARCHAR(MAX))) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[customer] AS c;

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'customer' AND [parameter] = N'modified_at' AND EXISTS (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL);

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
SELECT N'customer', N'modified_at', v.[value], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) FROM (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL) AS v;

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'customer', N'modified_at', NULL, v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT CONVERT(NVARCHAR(40), MAX([modified_at]), 121) AS [value] FROM [psg].[customer] HAVING MAX([modified_at]) IS NOT NULL) AS v
WHERE v.[value] IS NOT NULL;

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'customer' AND [parameter] = N'row_version' AND EXISTS (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL);

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
SELECT N'customer', N'row_version', v.[value], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) FROM (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL) AS v;

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'customer', N'row_version', NULL, v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT CAST(MAX([row_version]) AS NVARCHAR(100)) AS [value] FROM [psg].[customer] HAVING MAX([row_version]) IS NOT NULL) AS v
WHERE v.[value] IS NOT NULL;

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'customer';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'customer', 1, N'customer_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 2, N'name', N'string(100)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 3, N'modified_at', N'datetime', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 4, N'row_version', N'bigint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', 5, N'balance', N'decimal(12,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'customer', -1, N'customer_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== dateRange (date): shipment =====
BEGIN TRANSACTION;

UPDATE [psg].[shipment]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[shipment].[shipment_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[shipment].[shipment_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[shipment].[shipment_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[shipment].[ship_date] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), [psg].[shipment].[ship_date], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), [psg].[shipment].[ship_date], 23)) END, CASE WHEN [psg].[shipment].[carrier] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[shipment].[carrier] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[shipment].[carrier] AS NVARCHAR(MAX))) END)), 2)
WHERE [psg].[shipment].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'shipment' AND h.[scheme] = CONCAT('text/1', N'/columns:8ed9220a9696d520'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'shipment';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'shipment', CONCAT('text/1', N'/columns:8ed9220a9696d520'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE [psg].[shipment]
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
WHERE [psg].[shipment].[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[shipment] AS c WHERE c.[shipment_id] = [psg].[shipment].[shipment_id]
    AND ((c.[lf_change_operation] = 'D' AND [psg].[shipment].[lf_is_deleted] = 0) OR (c.[lf_change_operation] <> 'D' AND ([psg].[shipment].[lf_is_deleted] = 1 OR [psg].[shipment].[lf_row_hash] <> c.[lf_row_hash]))));

INSERT INTO [psg].[shipment] ([shipment_id], [ship_date], [carrier], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[shipment_id], p.[ship_date], p.[carrier], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[shipment] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND EXISTS (SELECT 1 FROM [temp].[shipment] AS c WHERE c.[shipment_id] = p.[shipment_id] AND c.[lf_change_operation] = 'D')
  AND NOT EXISTS (SELECT 1 FROM [psg].[shipment] AS n WHERE n.[shipment_id] = p.[shipment_id] AND n.[lf_is_current] = 1);

INSERT INTO [psg].[shipment] ([shipment_id], [ship_date], [carrier], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[shipment_id], c.[ship_date], c.[carrier], c.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[shipment] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[shipment] AS p WHERE p.[shipment_id] = c.[shipment_id] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'shipment';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'shipment', 1, N'shipment_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'shipment', 2, N'ship_date', N'date', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'shipment', 3, N'carrier', N'string(30)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'shipment', -1, N'shipment_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== dateRange (date): shipment, no current version =====
BEGIN TRANSACTION;

UPDATE [psg].[shipment]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[shipment].[shipment_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[shipment].[shipment_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[shipment].[shipment_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[shipment].[ship_date] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), [psg].[shipment].[ship_date], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), [psg].[shipment].[ship_date], 23)) END, CASE WHEN [psg].[shipment].[carrier] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[shipment].[carrier] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[shipment].[carrier] AS NVARCHAR(MAX))) END)), 2)
WHERE [psg].[shipment].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'shipment' AND h.[scheme] = CONCAT('text/1', N'/columns:8ed9220a9696d520'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'shipment';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'shipment', CONCAT('text/1', N'/columns:8ed9220a9696d520'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [psg].[shipment] ([shipment_id], [ship_date], [carrier], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[shipment_id], c.[ship_date], c.[carrier], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[shipment_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[shipment_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[shipment_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[ship_date] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), c.[ship_date], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), c.[ship_date], 23)) END, CASE WHEN c.[carrier] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[carrier] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[carrier] AS NVARCHAR(MAX))) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[shipment] AS c;

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'shipment';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'shipment', 1, N'shipment_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'shipment', 2, N'ship_date', N'date', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'shipment', 3, N'carrier', N'string(30)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'shipment', -1, N'shipment_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== dateRange (datetime): event =====
BEGIN TRANSACTION;

UPDATE [psg].[event]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[event].[event_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[event].[event_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[event].[event_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[event].[event_time] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[event_time], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[event_time], 126)) END, CASE WHEN [psg].[event].[recorded_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[recorded_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[recorded_at], 126)) END, CASE WHEN [psg].[event].[start] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[start], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[start], 126)) END, CASE WHEN [psg].[event].[score] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[score], 3)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[score], 3)) END, CASE WHEN [psg].[event].[ratio] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[ratio], 3)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[ratio], 3)) END, CASE WHEN [psg].[event].[kind] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[event].[kind] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[event].[kind] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[event].[raw] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(MAX), [psg].[event].[raw], 2)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(MAX), [psg].[event].[raw], 2)) END)), 2)
WHERE [psg].[event].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'event' AND h.[scheme] = CONCAT('text/1', N'/columns:6ab89cbbc9bafbdd'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'event';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'event', CONCAT('text/1', N'/columns:6ab89cbbc9bafbdd'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE [psg].[event]
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
WHERE [psg].[event].[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[event] AS c WHERE c.[event_id] = [psg].[event].[event_id]
    AND ((c.[lf_change_operation] = 'D' AND [psg].[event].[lf_is_deleted] = 0) OR (c.[lf_change_operation] <> 'D' AND ([psg].[event].[lf_is_deleted] = 1 OR [psg].[event].[lf_row_hash] <> c.[lf_row_hash]))));

INSERT INTO [psg].[event] ([event_id], [event_time], [recorded_at], [start], [score], [ratio], [kind], [raw], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[event_id], p.[event_time], p.[recorded_at], p.[start], p.[score], p.[ratio], p.[kind], p.[raw], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[event] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND EXISTS (SELECT 1 FROM [temp].[event] AS c WHERE c.[event_id] = p.[event_id] AND c.[lf_change_operation] = 'D')
  AND NOT EXISTS (SELECT 1 FROM [psg].[event] AS n WHERE n.[event_id] = p.[event_id] AND n.[lf_is_current] = 1);

INSERT INTO [psg].[event] ([event_id], [event_time], [recorded_at], [start], [score], [ratio], [kind], [raw], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[event_id], c.[event_time], c.[recorded_at], c.[start], c.[score], c.[ratio], c.[kind], c.[raw], c.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[event] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[event] AS p WHERE p.[event_id] = c.[event_id] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'event';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'event', 1, N'event_id', N'uuid', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 2, N'event_time', N'datetime', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 3, N'recorded_at', N'datetimeoffset', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 4, N'start', N'time', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 5, N'score', N'double', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 6, N'ratio', N'float', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 7, N'kind', N'smallint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 8, N'raw', N'binary(16)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', -1, N'event_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== dateRange (datetime): event, no current version =====
BEGIN TRANSACTION;

UPDATE [psg].[event]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[event].[event_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[event].[event_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[event].[event_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[event].[event_time] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[event_time], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[event_time], 126)) END, CASE WHEN [psg].[event].[recorded_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[recorded_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[recorded_at], 126)) END, CASE WHEN [psg].[event].[start] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[start], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[start], 126)) END, CASE WHEN [psg].[event].[score] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[score], 3)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[score], 3)) END, CASE WHEN [psg].[event].[ratio] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), [psg].[event].[ratio], 3)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), [psg].[event].[ratio], 3)) END, CASE WHEN [psg].[event].[kind] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[event].[kind] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[event].[kind] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[event].[raw] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(MAX), [psg].[event].[raw], 2)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(MAX), [psg].[event].[raw], 2)) END)), 2)
WHERE [psg].[event].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'event' AND h.[scheme] = CONCAT('text/1', N'/columns:6ab89cbbc9bafbdd'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'event';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'event', CONCAT('text/1', N'/columns:6ab89cbbc9bafbdd'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [psg].[event] ([event_id], [event_time], [recorded_at], [start], [score], [ratio], [kind], [raw], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[event_id], c.[event_time], c.[recorded_at], c.[start], c.[score], c.[ratio], c.[kind], c.[raw], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[event_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[event_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[event_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[event_time] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[event_time], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[event_time], 126)) END, CASE WHEN c.[recorded_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[recorded_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[recorded_at], 126)) END, CASE WHEN c.[start] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[start], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[start], 126)) END, CASE WHEN c.[score] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[score], 3)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[score], 3)) END, CASE WHEN c.[ratio] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[ratio], 3)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[ratio], 3)) END, CASE WHEN c.[kind] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[kind] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[kind] AS NVARCHAR(MAX))) END, CASE WHEN c.[raw] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(MAX), c.[raw], 2)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(MAX), c.[raw], 2)) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[event] AS c;

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'event';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'event', 1, N'event_id', N'uuid', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 2, N'event_time', N'datetime', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 3, N'recorded_at', N'datetimeoffset', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 4, N'start', N'time', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 5, N'score', N'double', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 6, N'ratio', N'float', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 7, N'kind', N'smallint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', 8, N'raw', N'binary(16)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'event', -1, N'event_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== changeTracking: account =====
BEGIN TRANSACTION;

UPDATE [psg].[account]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[account].[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[account_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[account_name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[account_name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[account_name] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[balance] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[opened_on] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), [psg].[account].[opened_on], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), [psg].[account].[opened_on], 23)) END)), 2)
WHERE [psg].[account].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'account' AND h.[scheme] = CONCAT('text/1', N'/columns:73c0c640d35e67ce'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'account';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'account', CONCAT('text/1', N'/columns:73c0c640d35e67ce'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE [psg].[account]
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
WHERE [psg].[account].[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[account] AS c WHERE c.[account_id] = [psg].[account].[account_id]
    AND ((c.[lf_change_operation] = 'D' AND [psg].[account].[lf_is_deleted] = 0) OR (c.[lf_change_operation] <> 'D' AND ([psg].[account].[lf_is_deleted] = 1 OR [psg].[account].[lf_row_hash] <> CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[account_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[account_name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[account_name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[account_name] AS NVARCHAR(MAX))) END, CASE WHEN c.[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[balance] AS NVARCHAR(MAX))) END, CASE WHEN c.[opened_on] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), c.[opened_on], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), c.[opened_on], 23)) END)), 2)))));

INSERT INTO [psg].[account] ([account_id], [account_name], [balance], [opened_on], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[account_id], p.[account_name], p.[balance], p.[opened_on], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[account] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND EXISTS (SELECT 1 FROM [temp].[account] AS c WHERE c.[account_id] = p.[account_id] AND c.[lf_change_operation] = 'D')
  AND NOT EXISTS (SELECT 1 FROM [psg].[account] AS n WHERE n.[account_id] = p.[account_id] AND n.[lf_is_current] = 1);

INSERT INTO [psg].[account] ([account_id], [account_name], [balance], [opened_on], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[account_id], c.[account_name], c.[balance], c.[opened_on], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[account_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[account_name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[account_name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[account_name] AS NVARCHAR(MAX))) END, CASE WHEN c.[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[balance] AS NVARCHAR(MAX))) END, CASE WHEN c.[opened_on] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), c.[opened_on], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), c.[opened_on], 23)) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[account] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[account] AS p WHERE p.[account_id] = c.[account_id] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'account' AND [parameter] = N'change_tracking_version';

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
VALUES (N'account', N'change_tracking_version', N'250', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'account', N'change_tracking_version', N'100', v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT N'250' AS [value]) AS v
WHERE (v.[value] IS NULL OR v.[value] <> N'100');

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'account';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'account', 1, N'account_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 2, N'account_name', N'string(200)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 3, N'balance', N'decimal(18,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 4, N'opened_on', N'date', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', -1, N'account_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== changeTracking, expired version: account =====
BEGIN TRANSACTION;

UPDATE [psg].[account]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[account].[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[account_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[account_name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[account_name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[account_name] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[balance] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[opened_on] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), [psg].[account].[opened_on], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), [psg].[account].[opened_on], 23)) END)), 2)
WHERE [psg].[account].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'account' AND h.[scheme] = CONCAT('text/1', N'/columns:73c0c640d35e67ce'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'account';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'account', CONCAT('text/1', N'/columns:73c0c640d35e67ce'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE [psg].[account]
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
WHERE [psg].[account].[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[account] AS c WHERE c.[account_id] = [psg].[account].[account_id]
    AND ((c.[lf_change_operation] = 'D' AND [psg].[account].[lf_is_deleted] = 0) OR (c.[lf_change_operation] <> 'D' AND ([psg].[account].[lf_is_deleted] = 1 OR [psg].[account].[lf_row_hash] <> c.[lf_row_hash]))));

INSERT INTO [psg].[account] ([account_id], [account_name], [balance], [opened_on], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[account_id], p.[account_name], p.[balance], p.[opened_on], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[account] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND EXISTS (SELECT 1 FROM [temp].[account] AS c WHERE c.[account_id] = p.[account_id] AND c.[lf_change_operation] = 'D')
  AND NOT EXISTS (SELECT 1 FROM [psg].[account] AS n WHERE n.[account_id] = p.[account_id] AND n.[lf_is_current] = 1);

INSERT INTO [psg].[account] ([account_id], [account_name], [balance], [opened_on], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[account_id], c.[account_name], c.[balance], c.[opened_on], c.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[account] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[account] AS p WHERE p.[account_id] = c.[account_id] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'account' AND [parameter] = N'change_tracking_version';

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
VALUES (N'account', N'change_tracking_version', N'250', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'account', N'change_tracking_version', N'10', v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT N'250' AS [value]) AS v
WHERE (v.[value] IS NULL OR v.[value] <> N'10');

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'account';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'account', 1, N'account_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 2, N'account_name', N'string(200)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 3, N'balance', N'decimal(18,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 4, N'opened_on', N'date', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', -1, N'account_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== changeTracking, expired version: account, no current version =====
BEGIN TRANSACTION;

UPDATE [psg].[account]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[account].[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[account_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[account_name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[account_name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[account_name] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[account].[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[account].[balance] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[account].[opened_on] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), [psg].[account].[opened_on], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), [psg].[account].[opened_on], 23)) END)), 2)
WHERE [psg].[account].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'account' AND h.[scheme] = CONCAT('text/1', N'/columns:73c0c640d35e67ce'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'account';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'account', CONCAT('text/1', N'/columns:73c0c640d35e67ce'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [psg].[account] ([account_id], [account_name], [balance], [opened_on], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[account_id], c.[account_name], c.[balance], c.[opened_on], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[account_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[account_name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[account_name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[account_name] AS NVARCHAR(MAX))) END, CASE WHEN c.[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[balance] AS NVARCHAR(MAX))) END, CASE WHEN c.[opened_on] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), c.[opened_on], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), c.[opened_on], 23)) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[account] AS c;

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'account' AND [parameter] = N'change_tracking_version';

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
VALUES (N'account', N'change_tracking_version', N'250', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'account', N'change_tracking_version', N'10', v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT N'250' AS [value]) AS v
WHERE (v.[value] IS NULL OR v.[value] <> N'10');

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'account';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'account', 1, N'account_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 2, N'account_name', N'string(200)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 3, N'balance', N'decimal(18,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', 4, N'opened_on', N'date', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'account', -1, N'account_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;

-- ===== multiWildCardFile: payroll =====
BEGIN TRANSACTION;

UPDATE [psg].[payroll]
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN [psg].[payroll].[employee_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[payroll].[employee_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[payroll].[employee_id] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[payroll].[period] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[payroll].[period] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[payroll].[period] AS NVARCHAR(MAX))) END, CASE WHEN [psg].[payroll].[gross] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST([psg].[payroll].[gross] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST([psg].[payroll].[gross] AS NVARCHAR(MAX))) END)), 2)
WHERE [psg].[payroll].[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'payroll' AND h.[scheme] = CONCAT('text/1', N'/columns:2b9710dd07d30c0b'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'payroll';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'payroll', CONCAT('text/1', N'/columns:2b9710dd07d30c0b'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE [psg].[payroll]
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
WHERE [psg].[payroll].[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[payroll] AS c WHERE c.[employee_id] = [psg].[payroll].[employee_id] AND c.[period] = [psg].[payroll].[period]
    AND ([psg].[payroll].[lf_is_deleted] = 1 OR [psg].[payroll].[lf_row_hash] <> CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[employee_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[employee_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[employee_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[period] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[period] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[period] AS NVARCHAR(MAX))) END, CASE WHEN c.[gross] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[gross] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[gross] AS NVARCHAR(MAX))) END)), 2)));

INSERT INTO [psg].[payroll] ([employee_id], [period], [gross], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[employee_id], c.[period], c.[gross], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[employee_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[employee_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[employee_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[period] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[period] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[period] AS NVARCHAR(MAX))) END, CASE WHEN c.[gross] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[gross] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[gross] AS NVARCHAR(MAX))) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[payroll] AS c
WHERE NOT EXISTS (SELECT 1 FROM [psg].[payroll] AS p WHERE p.[employee_id] = c.[employee_id] AND p.[period] = c.[period] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'payroll';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) SELECT N'payroll', 1, N'employee_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'payroll', 2, N'period', N'string(7)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'payroll', 3, N'gross', N'decimal(12,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'payroll', -1, N'employee_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) UNION ALL
SELECT N'payroll', -2, N'period', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7));

COMMIT TRANSACTION;
