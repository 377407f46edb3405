-- entity "orders"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (tsql) ====
-- the key sweep: only the business keys of the source, landed in orders__keys/Latest and staged in [temp].[orders__keys]; current rows whose key is gone are marked deleted in persist

SELECT [order_id]
FROM [sales].[orders];


-- ==== setup: warehouse (tsql) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- commits on its own before the load (this warehouse commits every CREATE at once)

IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[orders]', N'U') IS NULL
CREATE TABLE [psg].[orders] (
  [order_id] BIGINT NOT NULL,
  [status] NVARCHAR(10) NULL,
  [amount] DECIMAL(12,2) NULL,
  [changed_at] DATETIME2(7) NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity], [parameter])
);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity])
);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([run_id])
);

IF OBJECT_ID(N'[zdm].[entity_run_log]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [started_at] DATETIME2(7) NOT NULL,
  [mode] NVARCHAR(400) NOT NULL,
  [rows_read] BIGINT NOT NULL,
  [rows_written] BIGINT NOT NULL,
  [rows_per_second] BIGINT NOT NULL,
  [bytes_landed] BIGINT NOT NULL,
  [files] BIGINT NOT NULL,
  [file_bytes_min] BIGINT NOT NULL,
  [file_bytes_median] BIGINT NOT NULL,
  [file_bytes_max] BIGINT NOT NULL,
  [small_files] BIGINT NOT NULL,
  [small_file_bytes] BIGINT NOT NULL,
  [skew] DECIMAL(12,2) NOT NULL,
  [extract_ms] BIGINT NOT NULL,
  [land_ms] BIGINT NOT NULL,
  [stage_ms] BIGINT NOT NULL,
  [change_set_ms] BIGINT NOT NULL,
  [watermark_parameter] NVARCHAR(400) NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL,
  [previous_success_at] DATETIME2(7) NULL,
  PRIMARY KEY ([run_id], [entity])
);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL,
  PRIMARY KEY ([run_id], [entity], [parameter])
);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity], [position])
);

IF SCHEMA_ID(N'cur') IS NULL EXEC(N'CREATE SCHEMA [cur]');

IF OBJECT_ID(N'[cur].[orders_now]', N'U') IS NULL
CREATE TABLE [cur].[orders_now] (
  [order_id] BIGINT NOT NULL,
  [status] NVARCHAR(10) NULL,
  [amount] DECIMAL(12,2) NULL,
  [changed_at] DATETIME2(7) NULL
);


-- ==== stage: warehouse (tsql) ====
-- the SQL Server lander bulk copies every file into this table


-- ==== changeSet: warehouse (tsql) ====
-- the incremental extract delivers a change set: no comparison with persistent staging


-- ==== checks: warehouse (tsql) ====
-- each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported

SELECT r.[rows_extracted], 1 AS [lf_failing]
FROM (SELECT 1234 AS [rows_extracted]) AS r
WHERE r.[rows_extracted] < 1 OR r.[rows_extracted] > 1000000;

SELECT c.[affected], c.[current_rows], 1 AS [lf_failing]
FROM (SELECT (SELECT COUNT(*) FROM [temp].[orders] AS s WHERE s.[lf_change_operation] = 'D' AND EXISTS (SELECT 1 FROM (SELECT * FROM [psg].[orders] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p WHERE p.[order_id] = s.[order_id])) + (SELECT COUNT(*) FROM (SELECT * FROM [psg].[orders] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p WHERE NOT EXISTS (SELECT 1 FROM [temp].[orders__keys] AS k WHERE k.[order_id] = p.[order_id])) AS [affected], (SELECT COUNT(*) FROM (SELECT * FROM [psg].[orders] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p) AS [current_rows]) AS c
WHERE c.[affected] > 0 AND c.[affected] * 100 > c.[current_rows] * 20;

SELECT c.[affected], c.[current_rows], 1 AS [lf_failing]
FROM (SELECT (SELECT COUNT(*) FROM [temp].[orders] AS s WHERE EXISTS (SELECT 1 FROM (SELECT * FROM [psg].[orders] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p WHERE p.[order_id] = s.[order_id])) + (SELECT COUNT(*) FROM (SELECT * FROM [psg].[orders] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p WHERE NOT EXISTS (SELECT 1 FROM [temp].[orders__keys] AS k WHERE k.[order_id] = p.[order_id])) AS [affected], (SELECT COUNT(*) FROM (SELECT * FROM [psg].[orders] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p) AS [current_rows]) AS c
WHERE c.[affected] > 0 AND c.[affected] * 100 > c.[current_rows] * 80;

SELECT TOP (10) q.* FROM (
SELECT s.[order_id], s.[status], COUNT(*) OVER () AS [lf_failing]
FROM (SELECT * FROM [temp].[orders] WHERE [lf_change_operation] <> 'D') AS s
WHERE s.[status] IS NULL
) AS q;

SELECT TOP (10) q.* FROM (
SELECT [order_id], [status], COUNT(*) AS [copies], COUNT(*) OVER () AS [lf_failing]
FROM (SELECT [order_id], [status] FROM (SELECT * FROM [temp].[orders] WHERE [lf_change_operation] <> 'D') AS s
  UNION ALL
  SELECT p.[order_id], p.[status] FROM (SELECT * FROM [psg].[orders] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p WHERE NOT EXISTS (SELECT 1 FROM [temp].[orders] AS s WHERE s.[order_id] = p.[order_id])) AS a
GROUP BY [order_id], [status]
HAVING COUNT(*) > 1
) AS q;

SELECT TOP (10) q.* FROM (
SELECT s.[order_id], s.[status], COUNT(*) OVER () AS [lf_failing]
FROM (SELECT * FROM [temp].[orders] WHERE [lf_change_operation] <> 'D') AS s
WHERE s.[status] IS NOT NULL AND s.[status] NOT IN (N'open', N'shipped', N'it''s done')
) AS q;

SELECT TOP (10) q.* FROM (
SELECT q.*, COUNT(*) OVER () AS [lf_failing]
FROM (
SELECT order_id, amount FROM (SELECT * FROM [temp].[orders] WHERE [lf_change_operation] <> 'D') AS s WHERE s.amount < 0
) AS q
) AS q;


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


-- ==== currentTable: warehouse (tsql) ====
-- [cur].[orders_now] gets the current rows in the load's transaction, before its COMMIT: a reader sees the old rows or the new ones

DELETE FROM [cur].[orders_now];

INSERT INTO [cur].[orders_now] ([order_id], [status], [amount], [changed_at])
SELECT [order_id], [status], [amount], [changed_at]
FROM [psg].[orders]
WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0;

COMMIT TRANSACTION;

-- entity "accounts"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== sweepKeys: source (tsql) ====
-- the key sweep: only the business keys of the source, landed in accounts__keys/Latest and staged in [temp].[accounts__keys]; current rows whose key is gone are marked deleted in persist

SELECT [account_id]
FROM [dbo].[accounts];


-- ==== setup: warehouse (tsql) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- commits on its own before the load (this warehouse commits every CREATE at once)

IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[accounts]', N'U') IS NULL
CREATE TABLE [psg].[accounts] (
  [account_id] INT NOT NULL,
  [name] NVARCHAR(100) NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity], [parameter])
);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity])
);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([run_id])
);

IF OBJECT_ID(N'[zdm].[entity_run_log]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [started_at] DATETIME2(7) NOT NULL,
  [mode] NVARCHAR(400) NOT NULL,
  [rows_read] BIGINT NOT NULL,
  [rows_written] BIGINT NOT NULL,
  [rows_per_second] BIGINT NOT NULL,
  [bytes_landed] BIGINT NOT NULL,
  [files] BIGINT NOT NULL,
  [file_bytes_min] BIGINT NOT NULL,
  [file_bytes_median] BIGINT NOT NULL,
  [file_bytes_max] BIGINT NOT NULL,
  [small_files] BIGINT NOT NULL,
  [small_file_bytes] BIGINT NOT NULL,
  [skew] DECIMAL(12,2) NOT NULL,
  [extract_ms] BIGINT NOT NULL,
  [land_ms] BIGINT NOT NULL,
  [stage_ms] BIGINT NOT NULL,
  [change_set_ms] BIGINT NOT NULL,
  [watermark_parameter] NVARCHAR(400) NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL,
  [previous_success_at] DATETIME2(7) NULL,
  PRIMARY KEY ([run_id], [entity])
);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL,
  PRIMARY KEY ([run_id], [entity], [parameter])
);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity], [position])
);

IF SCHEMA_ID(N'cur') IS NULL EXEC(N'CREATE SCHEMA [cur]');

IF OBJECT_ID(N'[cur].[accounts]', N'U') IS NULL
CREATE TABLE [cur].[accounts] (
  [account_id] INT NOT NULL,
  [name] NVARCHAR(100) NULL
);


-- ==== stage: warehouse (tsql) ====
-- the SQL Server lander bulk copies every file into this table


-- ==== changeSet: warehouse (tsql) ====
-- the changes extract delivers a change set: no comparison with persistent staging


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


-- ==== currentTable: warehouse (tsql) ====
-- [cur].[accounts] gets the current rows in the load's transaction, before its COMMIT: a reader sees the old rows or the new ones

DELETE FROM [cur].[accounts];

INSERT INTO [cur].[accounts] ([account_id], [name])
SELECT [account_id], [name]
FROM [psg].[accounts]
WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0;

COMMIT TRANSACTION;

-- entity "prices"
-- run r1, batch date 2026-06-30, batch id 42, started 2026-06-30 01:02:03.456 UTC
-- saved watermarks: changed_at = "2026-06-29 23:30:00.123456", key_sweep_runs = "6"
-- change tracking versions: saved 100, current 250, minimum valid 50
-- landed files: 1

-- ==== setup: warehouse (tsql) ====
-- schemas, persistent staging and control tables, created if missing: nothing is created in the warehouse before the files have landed
-- commits on its own before the load (this warehouse commits every CREATE at once)

IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[prices]', N'U') IS NULL
CREATE TABLE [psg].[prices] (
  [sku] NVARCHAR(20) NOT NULL,
  [price] DECIMAL(10,2) NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity], [parameter])
);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity])
);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([run_id])
);

IF OBJECT_ID(N'[zdm].[entity_run_log]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [started_at] DATETIME2(7) NOT NULL,
  [mode] NVARCHAR(400) NOT NULL,
  [rows_read] BIGINT NOT NULL,
  [rows_written] BIGINT NOT NULL,
  [rows_per_second] BIGINT NOT NULL,
  [bytes_landed] BIGINT NOT NULL,
  [files] BIGINT NOT NULL,
  [file_bytes_min] BIGINT NOT NULL,
  [file_bytes_median] BIGINT NOT NULL,
  [file_bytes_max] BIGINT NOT NULL,
  [small_files] BIGINT NOT NULL,
  [small_file_bytes] BIGINT NOT NULL,
  [skew] DECIMAL(12,2) NOT NULL,
  [extract_ms] BIGINT NOT NULL,
  [land_ms] BIGINT NOT NULL,
  [stage_ms] BIGINT NOT NULL,
  [change_set_ms] BIGINT NOT NULL,
  [watermark_parameter] NVARCHAR(400) NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL,
  [previous_success_at] DATETIME2(7) NULL,
  PRIMARY KEY ([run_id], [entity])
);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL,
  PRIMARY KEY ([run_id], [entity], [parameter])
);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL,
  PRIMARY KEY ([entity], [position])
);


-- ==== stage: warehouse (tsql) ====
-- the SQL Server lander bulk copies every file into this table


-- ==== changeSet: warehouse (tsql) ====
-- compares the staged rows with the current versions by business key and row hash

SELECT CASE WHEN EXISTS (SELECT 1 FROM [psg].[prices] WHERE [lf_is_current] = 1) THEN 1 ELSE 0 END AS [present];

IF OBJECT_ID(N'[temp].[prices_delta]', N'U') IS NOT NULL DROP TABLE [temp].[prices_delta];

SELECT q.* INTO [temp].[prices_delta] FROM (
SELECT CASE WHEN s.[sku] IS NULL THEN p.[sku] ELSE s.[sku] END AS [sku],
       s.[price] AS [price],
       s.[lf_row_hash] AS [lf_row_hash],
       CASE WHEN s.[sku] IS NULL THEN 'D' WHEN p.[sku] IS NULL THEN 'I' ELSE 'U' END AS [lf_change_operation]
FROM (SELECT s.*, CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN s.[sku] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[sku] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[sku] AS NVARCHAR(MAX))) END, CASE WHEN s.[price] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[price] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[price] AS NVARCHAR(MAX))) END)), 2) AS [lf_row_hash] FROM [temp].[prices] AS s) AS s
FULL OUTER JOIN (SELECT [sku], [lf_row_hash] FROM [psg].[prices] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p ON s.[sku] = p.[sku]
WHERE s.[sku] IS NULL OR p.[sku] IS NULL OR p.[lf_row_hash] <> s.[lf_row_hash]
) AS q;

IF OBJECT_ID(N'[temp].[prices]', N'U') IS NOT NULL DROP TABLE [temp].[prices];

EXEC sp_rename N'[temp].[prices_delta]', N'prices';


-- ==== checks: warehouse (tsql) ====
-- each query returns the rows failing a data check (the first 10, each with the count of all): a failing error check stops the load before anything is committed, a warn check is reported

SELECT c.[affected], c.[current_rows], 1 AS [lf_failing]
FROM (SELECT (SELECT COUNT(*) FROM [temp].[prices] WHERE [lf_change_operation] = 'D') AS [affected], (SELECT COUNT(*) FROM (SELECT * FROM [psg].[prices] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p) AS [current_rows]) AS c
WHERE c.[affected] > 0 AND c.[affected] * 100 > c.[current_rows] * 50;


-- ==== persist: warehouse (tsql) ====
-- one transaction: new versions, closed versions, the watermark and its ledger row, the run metrics

BEGIN TRANSACTION;

UPDATE p
SET [lf_row_hash] = CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN p.[sku] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(p.[sku] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(p.[sku] AS NVARCHAR(MAX))) END, CASE WHEN p.[price] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(p.[price] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(p.[price] AS NVARCHAR(MAX))) END)), 2)
FROM [psg].[prices] AS p
WHERE p.[lf_is_current] = 1
  AND NOT EXISTS (SELECT 1 FROM [zdm].[row_hash_schemes] AS h WHERE h.[entity] = N'prices' AND h.[scheme] = CONCAT('text/1', N'/columns:f2af33922a2c5d60'));

DELETE FROM [zdm].[row_hash_schemes] WHERE [entity] = N'prices';

INSERT INTO [zdm].[row_hash_schemes] ([entity], [scheme], [updated_at])
VALUES (N'prices', CONCAT('text/1', N'/columns:f2af33922a2c5d60'), CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

UPDATE p
SET [lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), [lf_is_current] = 0
FROM [psg].[prices] AS p
WHERE p.[lf_is_current] = 1
  AND EXISTS (SELECT 1 FROM [temp].[prices] AS c WHERE c.[sku] = p.[sku]
    AND ((c.[lf_change_operation] = 'D' AND p.[lf_is_deleted] = 0) OR (c.[lf_change_operation] <> 'D' AND (p.[lf_is_deleted] = 1 OR p.[lf_row_hash] <> c.[lf_row_hash]))));

INSERT INTO [psg].[prices] ([sku], [price], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT p.[sku], p.[price], p.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 1, 42
FROM [psg].[prices] AS p
WHERE p.[lf_valid_to] = CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)) AND p.[lf_is_current] = 0 AND p.[lf_is_deleted] = 0
  AND EXISTS (SELECT 1 FROM [temp].[prices] AS c WHERE c.[sku] = p.[sku] AND c.[lf_change_operation] = 'D')
  AND NOT EXISTS (SELECT 1 FROM [psg].[prices] AS n WHERE n.[sku] = p.[sku] AND n.[lf_is_current] = 1);

INSERT INTO [psg].[prices] ([sku], [price], [lf_row_hash], [lf_valid_from], [lf_valid_to], [lf_is_current], [lf_is_deleted], [lf_batch_id])
SELECT c.[sku], c.[price], c.[lf_row_hash], CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)), NULL, 1, 0, 42
FROM [temp].[prices] AS c
WHERE c.[lf_change_operation] <> 'D' AND NOT EXISTS (SELECT 1 FROM [psg].[prices] AS p WHERE p.[sku] = c.[sku] AND p.[lf_is_current] = 1);

DELETE FROM [zdm].[entity_columns] WHERE [entity] = N'prices';

INSERT INTO [zdm].[entity_columns] ([entity], [position], [column_name], [column_type], [updated_at]) VALUES
(N'prices', 1, N'sku', N'string(20)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))),
(N'prices', 2, N'price', N'decimal(10,2)', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7))),
(N'prices', -1, N'sku', N'business key', CAST(N'2026-06-30 01:02:03.456' AS DATETIME2(7)));

COMMIT TRANSACTION;
