-- entity "orders"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (postgres) ====
-- the key sweep: only the business keys of the source, bulk copied into [temp].[orders__keys]; current rows whose key is gone are marked deleted in persist

SELECT "order_id"
FROM "sales"."orders";


-- ==== land: warehouse (tsql) ====
-- rows formatted as CSV (zstd) in memory, cut at 128 MB, 4 at a time bulk copied into the staging table by "mssql"
-- the staging table is dropped and created on the lander's first write of the batch (or at publish, when no row was extracted)

IF OBJECT_ID(N'[temp].[orders_delta]', N'U') IS NOT NULL DROP TABLE [temp].[orders_delta];

IF OBJECT_ID(N'[temp].[orders]', N'U') IS NOT NULL DROP TABLE [temp].[orders];

CREATE TABLE [temp].[orders] (
  [order_id] BIGINT NULL,
  [status] NVARCHAR(10) NULL,
  [amount] DECIMAL(12,2) NULL,
  [changed_at] DATETIME2(7) NULL,
  [lf_change_operation] CHAR(1) NOT NULL
);

INSERT BULK [temp].[orders] ([order_id] NVARCHAR(100), [status] NVARCHAR(10), [amount] NVARCHAR(100), [changed_at] NVARCHAR(100), [lf_change_operation] NVARCHAR(1)) WITH (TABLOCK, KEEP_NULLS);


-- ==== sweepLand: warehouse (tsql) ====
-- the key sweep's business keys, bulk copied into [temp].[orders__keys] by "mssql" as they are read (dropped and created on its first write)

IF OBJECT_ID(N'[temp].[orders__keys_delta]', N'U') IS NOT NULL DROP TABLE [temp].[orders__keys_delta];

IF OBJECT_ID(N'[temp].[orders__keys]', N'U') IS NOT NULL DROP TABLE [temp].[orders__keys];

CREATE TABLE [temp].[orders__keys] (
  [order_id] BIGINT NULL
);

INSERT BULK [temp].[orders__keys] ([order_id] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);


-- ==== stage: warehouse (tsql) ====
-- the SQL Server lander bulk copies every file into this table


-- ==== persist: warehouse (tsql) ====
-- one transaction: new versions, closed versions, the watermark and its ledger row, the run metrics

BEGIN TRANSACTION;

UPDATE p
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN p.[order_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(p.[order_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(p.[order_id] AS NVARCHAR(MAX))) END, CASE WHEN p.[status] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(p.[status] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(p.[status] AS NVARCHAR(MAX))) END, CASE WHEN p.[amount] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(p.[amount] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(p.[amount] AS NVARCHAR(MAX))) END, CASE WHEN p.[changed_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), p.[changed_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), p.[changed_at], 126)) END)), 2)
FROM [psg].[orders] AS p
WHERE p.[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'orders' AND h.[scheme] = CONCAT('text/1', N'/columns:99acc10f256b38d9'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'orders';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'orders', CONCAT('text/1', N'/columns:99acc10f256b38d9'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE p
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
FROM [psg].[orders] AS p
WHERE p.[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[orders] AS c WHERE c.[order_id] = p.[order_id]
    AND ((c.[lf_change_operation] = 'D' AND p.[lf_is_deleted] = 0) OR (c.[lf_change_operation] <> 'D' AND (p.[lf_is_deleted] = 1 OR p.[lf_row_hash] <> CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[order_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[order_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[order_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[status] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[status] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[status] AS NVARCHAR(MAX))) END, CASE WHEN c.[amount] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[amount] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[amount] AS NVARCHAR(MAX))) END, CASE WHEN c.[changed_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[changed_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[changed_at], 126)) END)), 2)))));

INSERT INTO [psg].[orders] ([order_id], [status], [amount], [changed_at], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[order_id], p.[status], p.[amount], p.[changed_at], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[orders] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND EXISTS (SELECT 1 FROM [temp].[orders] AS c WHERE c.[order_id] = p.[order_id] AND c.[lf_change_operation] = 'D')
  AND NOT EXISTS (SELECT 1 FROM [psg].[orders] AS n WHERE n.[order_id] = p.[order_id] AND n.[lf_is_current] = 1);

INSERT INTO [psg].[orders] ([order_id], [status], [amount], [changed_at], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[order_id], c.[status], c.[amount], c.[changed_at], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[order_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[order_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[order_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[status] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[status] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[status] AS NVARCHAR(MAX))) END, CASE WHEN c.[amount] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[amount] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[amount] AS NVARCHAR(MAX))) END, CASE WHEN c.[changed_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), c.[changed_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), c.[changed_at], 126)) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[orders] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[orders] AS p WHERE p.[order_id] = c.[order_id] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'orders' AND [parameter] = N'changed_at' AND EXISTS (SELECT CONVERT(NVARCHAR(40), MAX([changed_at]), 121) AS [value] FROM [psg].[orders] HAVING MAX([changed_at]) IS NOT NULL);

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
SELECT N'orders', N'changed_at', v.[value], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) FROM (SELECT CONVERT(NVARCHAR(40), MAX([changed_at]), 121) AS [value] FROM [psg].[orders] HAVING MAX([changed_at]) IS NOT NULL) AS v;

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'orders', N'changed_at', N'2026-06-29 23:30:00.123456', v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT CONVERT(NVARCHAR(40), MAX([changed_at]), 121) AS [value] FROM [psg].[orders] HAVING MAX([changed_at]) IS NOT NULL) AS v
WHERE (v.[value] IS NULL OR v.[value] <> N'2026-06-29 23:30:00.123456');

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'orders';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) VALUES
(N'orders', 1, N'order_id', N'bigint', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))),
(N'orders', 2, N'status', N'string(10)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))),
(N'orders', 3, N'amount', N'decimal(12,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))),
(N'orders', 4, N'changed_at', N'datetime', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))),
(N'orders', -1, N'order_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE p
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
FROM [psg].[orders] AS p
WHERE p.[lf_is_current] = 1 AND p.[lf_is_deleted] = 0
  AND NOT EXISTS (SELECT 1 FROM [temp].[orders__keys] AS k WHERE k.[order_id] = p.[order_id])
  AND NOT EXISTS (SELECT 1 FROM [temp].[orders] AS c WHERE c.[order_id] = p.[order_id]);

INSERT INTO [psg].[orders] ([order_id], [status], [amount], [changed_at], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[order_id], p.[status], p.[amount], p.[changed_at], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[orders] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND NOT EXISTS (SELECT 1 FROM [temp].[orders__keys] AS k WHERE k.[order_id] = p.[order_id])
  AND NOT EXISTS (SELECT 1 FROM [temp].[orders] AS c WHERE c.[order_id] = p.[order_id])
  AND NOT EXISTS (SELECT 1 FROM [psg].[orders] AS n WHERE n.[order_id] = p.[order_id] AND n.[lf_is_current] = 1);

-- entity "accounts"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (tsql) ====
-- the key sweep: only the business keys of the source, bulk copied into [temp].[accounts__keys]; current rows whose key is gone are marked deleted in persist

SELECT [account_id]
FROM [dbo].[accounts];


-- ==== land: warehouse (tsql) ====
-- rows formatted as CSV (zstd) in memory, cut at 128 MB, 4 at a time bulk copied into the staging table by "mssql"
-- the staging table is dropped and created on the lander's first write of the batch (or at publish, when no row was extracted)

IF OBJECT_ID(N'[temp].[accounts_delta]', N'U') IS NOT NULL DROP TABLE [temp].[accounts_delta];

IF OBJECT_ID(N'[temp].[accounts]', N'U') IS NOT NULL DROP TABLE [temp].[accounts];

CREATE TABLE [temp].[accounts] (
  [account_id] INT NULL,
  [name] NVARCHAR(100) NULL,
  [lf_change_operation] CHAR(1) NOT NULL
);

INSERT BULK [temp].[accounts] ([account_id] NVARCHAR(100), [name] NVARCHAR(100), [lf_change_operation] NVARCHAR(1)) WITH (TABLOCK, KEEP_NULLS);


-- ==== sweepLand: warehouse (tsql) ====
-- the key sweep's business keys, bulk copied into [temp].[accounts__keys] by "mssql" as they are read (dropped and created on its first write)

IF OBJECT_ID(N'[temp].[accounts__keys_delta]', N'U') IS NOT NULL DROP TABLE [temp].[accounts__keys_delta];

IF OBJECT_ID(N'[temp].[accounts__keys]', N'U') IS NOT NULL DROP TABLE [temp].[accounts__keys];

CREATE TABLE [temp].[accounts__keys] (
  [account_id] INT NULL
);

INSERT BULK [temp].[accounts__keys] ([account_id] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);


-- ==== stage: warehouse (tsql) ====
-- the SQL Server lander bulk copies every file into this table


-- ==== persist: warehouse (tsql) ====
-- one transaction: new versions, closed versions, the watermark and its ledger row, the run metrics

BEGIN TRANSACTION;

UPDATE p
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN p.[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(p.[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(p.[account_id] AS NVARCHAR(MAX))) END, CASE WHEN p.[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(p.[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(p.[name] AS NVARCHAR(MAX))) END)), 2)
FROM [psg].[accounts] AS p
WHERE p.[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'accounts' AND h.[scheme] = CONCAT('text/1', N'/columns:757acfe188c350c3'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'accounts';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'accounts', CONCAT('text/1', N'/columns:757acfe188c350c3'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE p
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
FROM [psg].[accounts] AS p
WHERE p.[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[accounts] AS c WHERE c.[account_id] = p.[account_id]
    AND ((c.[lf_change_operation] = 'D' AND p.[lf_is_deleted] = 0) OR (c.[lf_change_operation] <> 'D' AND (p.[lf_is_deleted] = 1 OR p.[lf_row_hash] <> CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[account_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[name] AS NVARCHAR(MAX))) END)), 2)))));

INSERT INTO [psg].[accounts] ([account_id], [name], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[account_id], p.[name], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[accounts] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND EXISTS (SELECT 1 FROM [temp].[accounts] AS c WHERE c.[account_id] = p.[account_id] AND c.[lf_change_operation] = 'D')
  AND NOT EXISTS (SELECT 1 FROM [psg].[accounts] AS n WHERE n.[account_id] = p.[account_id] AND n.[lf_is_current] = 1);

INSERT INTO [psg].[accounts] ([account_id], [name], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[account_id], c.[name], CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN c.[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[account_id] AS NVARCHAR(MAX))) END, CASE WHEN c.[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(c.[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(c.[name] AS NVARCHAR(MAX))) END)), 2), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[accounts] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[accounts] AS p WHERE p.[account_id] = c.[account_id] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'accounts' AND [parameter] = N'change_tracking_version';

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
VALUES (N'accounts', N'change_tracking_version', N'250', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

INSERT INTO [zdm].[control_parameter_history] ([entity], [parameter], [old_value], [new_value], [run_id], [changed_at], [changed_by])
SELECT N'accounts', N'change_tracking_version', N'100', v.[value], N'r1', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), N'run'
FROM (SELECT N'250' AS [value]) AS v
WHERE (v.[value] IS NULL OR v.[value] <> N'100');

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'accounts';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) VALUES
(N'accounts', 1, N'account_id', N'int', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))),
(N'accounts', 2, N'name', N'string(100)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))),
(N'accounts', -1, N'account_id', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE p
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
FROM [psg].[accounts] AS p
WHERE p.[lf_is_current] = 1 AND p.[lf_is_deleted] = 0
  AND NOT EXISTS (SELECT 1 FROM [temp].[accounts__keys] AS k WHERE k.[account_id] = p.[account_id])
  AND NOT EXISTS (SELECT 1 FROM [temp].[accounts] AS c WHERE c.[account_id] = p.[account_id]);

INSERT INTO [psg].[accounts] ([account_id], [name], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[account_id], p.[name], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[accounts] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND NOT EXISTS (SELECT 1 FROM [temp].[accounts__keys] AS k WHERE k.[account_id] = p.[account_id])
  AND NOT EXISTS (SELECT 1 FROM [temp].[accounts] AS c WHERE c.[account_id] = p.[account_id])
  AND NOT EXISTS (SELECT 1 FROM [psg].[accounts] AS n WHERE n.[account_id] = p.[account_id] AND n.[lf_is_current] = 1);

DELETE FROM [zdm].[control_parameters] WHERE [entity] = N'accounts' AND [parameter] = N'key_sweep_runs';

INSERT INTO [zdm].[control_parameters] ([entity], [parameter], [value], [updated_at])
VALUES (N'accounts', N'key_sweep_runs', N'0', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));
