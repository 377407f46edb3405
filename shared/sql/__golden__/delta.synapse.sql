-- ===== full: Order "Line's =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM [psg].[Order "Line's] WHERE [lf_is_current] = 1) THEN 1 ELSE 0 END AS [present];

IF OBJECT_ID(N'[temp].[Order "Line''s_delta]', N'U') IS NOT NULL DROP TABLE [temp].[Order "Line's_delta];

CREATE TABLE [temp].[Order "Line's_delta]
WITH (DISTRIBUTION = HASH([order_id]), HEAP)
AS
SELECT CASE WHEN s.[order_id] IS NULL THEN p.[order_id] ELSE s.[order_id] END AS [order_id],
       CASE WHEN s.[order_id] IS NULL THEN p.[line no] ELSE s.[line no] END AS [line no],
       s.[product] AS [product],
       s.[weird "col" [x]] `y`] AS [weird "col" [x]] `y`],
       s.[amount] AS [amount],
       s.[is_gift] AS [is_gift],
       s.[source_system] AS [source_system],
       s.[load_batch] AS [load_batch],
       s.[lf_row_hash] AS [lf_row_hash],
       CASE WHEN s.[order_id] IS NULL THEN 'D' WHEN p.[order_id] IS NULL THEN 'I' ELSE 'U' END AS [lf_change_operation]
FROM (SELECT s.*, CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN s.[order_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[order_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[order_id] AS NVARCHAR(MAX))) END, CASE WHEN s.[line no] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[line no] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[line no] AS NVARCHAR(MAX))) END, CASE WHEN s.[product] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[product] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[product] AS NVARCHAR(MAX))) END, CASE WHEN s.[weird "col" [x]] `y`] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[weird "col" [x]] `y`] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[weird "col" [x]] `y`] AS NVARCHAR(MAX))) END, CASE WHEN s.[amount] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[amount] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[amount] AS NVARCHAR(MAX))) END, CASE WHEN s.[is_gift] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[is_gift] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[is_gift] AS NVARCHAR(MAX))) END, CASE WHEN s.[source_system] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[source_system] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[source_system] AS NVARCHAR(MAX))) END, CASE WHEN s.[load_batch] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[load_batch] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[load_batch] AS NVARCHAR(MAX))) END)), 2) AS [lf_row_hash] FROM [temp].[Order "Line's] AS s) AS s
FULL OUTER JOIN (SELECT [order_id], [line no], [lf_row_hash] FROM [psg].[Order "Line's] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p ON s.[order_id] = p.[order_id] AND s.[line no] = p.[line no]
WHERE s.[order_id] IS NULL OR p.[order_id] IS NULL OR p.[lf_row_hash] <> s.[lf_row_hash];

IF OBJECT_ID(N'[temp].[Order "Line''s]', N'U') IS NOT NULL DROP TABLE [temp].[Order "Line's];

RENAME OBJECT [temp].[Order "Line's_delta] TO [Order "Line's];

-- ===== incremental: customer =====
-- the incremental extract delivers a change set: no comparison with persistent staging

-- ===== incremental, first run: customer =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM [psg].[customer] WHERE [lf_is_current] = 1) THEN 1 ELSE 0 END AS [present];

IF OBJECT_ID(N'[temp].[customer_delta]', N'U') IS NOT NULL DROP TABLE [temp].[customer_delta];

CREATE TABLE [temp].[customer_delta]
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)
AS
SELECT CASE WHEN s.[customer_id] IS NULL THEN p.[customer_id] ELSE s.[customer_id] END AS [customer_id],
       s.[name] AS [name],
       s.[modified_at] AS [modified_at],
       s.[row_version] AS [row_version],
       s.[balance] AS [balance],
       s.[lf_row_hash] AS [lf_row_hash],
       CASE WHEN s.[customer_id] IS NULL THEN 'D' WHEN p.[customer_id] IS NULL THEN 'I' ELSE 'U' END AS [lf_change_operation]
FROM (SELECT s.*, CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN s.[customer_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[customer_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[customer_id] AS NVARCHAR(MAX))) END, CASE WHEN s.[name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[name] AS NVARCHAR(MAX))) END, CASE WHEN s.[modified_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), s.[modified_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), s.[modified_at], 126)) END, CASE WHEN s.[row_version] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[row_version] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[row_version] AS NVARCHAR(MAX))) END, CASE WHEN s.[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[balance] AS NVARCHAR(MAX))) END)), 2) AS [lf_row_hash] FROM [temp].[customer] AS s) AS s
FULL OUTER JOIN (SELECT [customer_id], [lf_row_hash] FROM [psg].[customer] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p ON s.[customer_id] = p.[customer_id]
WHERE s.[customer_id] IS NOT NULL AND (p.[customer_id] IS NULL OR p.[lf_row_hash] <> s.[lf_row_hash]);

IF OBJECT_ID(N'[temp].[customer]', N'U') IS NOT NULL DROP TABLE [temp].[customer];

RENAME OBJECT [temp].[customer_delta] TO [customer];

-- ===== dateRange (date): shipment =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM [psg].[shipment] WHERE [lf_is_current] = 1) THEN 1 ELSE 0 END AS [present];

IF OBJECT_ID(N'[temp].[shipment_delta]', N'U') IS NOT NULL DROP TABLE [temp].[shipment_delta];

CREATE TABLE [temp].[shipment_delta]
WITH (DISTRIBUTION = REPLICATE, HEAP)
AS
SELECT CASE WHEN s.[shipment_id] IS NULL THEN p.[shipment_id] ELSE s.[shipment_id] END AS [shipment_id],
       s.[ship_date] AS [ship_date],
       s.[carrier] AS [carrier],
       s.[lf_row_hash] AS [lf_row_hash],
       CASE WHEN s.[shipment_id] IS NULL THEN 'D' WHEN p.[shipment_id] IS NULL THEN 'I' ELSE 'U' END AS [lf_change_operation]
FROM (SELECT s.*, CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN s.[shipment_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[shipment_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[shipment_id] AS NVARCHAR(MAX))) END, CASE WHEN s.[ship_date] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), s.[ship_date], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), s.[ship_date], 23)) END, CASE WHEN s.[carrier] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[carrier] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[carrier] AS NVARCHAR(MAX))) END)), 2) AS [lf_row_hash] FROM [temp].[shipment] AS s) AS s
FULL OUTER JOIN (SELECT [shipment_id], [lf_row_hash] FROM [psg].[shipment] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0 AND [ship_date] >= CAST(N'2026-06-23' AS DATE) AND [ship_date] <= CAST(N'2026-06-30' AS DATE)) AS p ON s.[shipment_id] = p.[shipment_id]
WHERE s.[shipment_id] IS NULL OR p.[shipment_id] IS NULL OR p.[lf_row_hash] <> s.[lf_row_hash];

IF OBJECT_ID(N'[temp].[shipment]', N'U') IS NOT NULL DROP TABLE [temp].[shipment];

RENAME OBJECT [temp].[shipment_delta] TO [shipment];

-- ===== dateRange (datetime): event =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM [psg].[event] WHERE [lf_is_current] = 1) THEN 1 ELSE 0 END AS [present];

IF OBJECT_ID(N'[temp].[event_delta]', N'U') IS NOT NULL DROP TABLE [temp].[event_delta];

CREATE TABLE [temp].[event_delta]
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)
AS
SELECT CASE WHEN s.[event_id] IS NULL THEN p.[event_id] ELSE s.[event_id] END AS [event_id],
       s.[event_time] AS [event_time],
       s.[recorded_at] AS [recorded_at],
       s.[start] AS [start],
       s.[score] AS [score],
       s.[ratio] AS [ratio],
       s.[kind] AS [kind],
       s.[raw] AS [raw],
       s.[lf_row_hash] AS [lf_row_hash],
       CASE WHEN s.[event_id] IS NULL THEN 'D' WHEN p.[event_id] IS NULL THEN 'I' ELSE 'U' END AS [lf_change_operation]
FROM (SELECT s.*, CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN s.[event_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[event_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[event_id] AS NVARCHAR(MAX))) END, CASE WHEN s.[event_time] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), s.[event_time], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), s.[event_time], 126)) END, CASE WHEN s.[recorded_at] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), s.[recorded_at], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), s.[recorded_at], 126)) END, CASE WHEN s.[start] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), s.[start], 126)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), s.[start], 126)) END, CASE WHEN s.[score] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), s.[score], 3)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), s.[score], 3)) END, CASE WHEN s.[ratio] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(40), s.[ratio], 3)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(40), s.[ratio], 3)) END, CASE WHEN s.[kind] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[kind] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[kind] AS NVARCHAR(MAX))) END, CASE WHEN s.[raw] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(MAX), s.[raw], 2)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(MAX), s.[raw], 2)) END)), 2) AS [lf_row_hash] FROM [temp].[event] AS s) AS s
FULL OUTER JOIN (SELECT [event_id], [lf_row_hash] FROM [psg].[event] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0 AND [event_time] >= CAST(N'2026-06-27 00:00:00' AS DATETIME2(7)) AND [event_time] < CAST(N'2026-07-01 00:00:00' AS DATETIME2(7))) AS p ON s.[event_id] = p.[event_id]
WHERE s.[event_id] IS NULL OR p.[event_id] IS NULL OR p.[lf_row_hash] <> s.[lf_row_hash];

IF OBJECT_ID(N'[temp].[event]', N'U') IS NOT NULL DROP TABLE [temp].[event];

RENAME OBJECT [temp].[event_delta] TO [event];

-- ===== changeTracking: account =====
-- the changes extract delivers a change set: no comparison with persistent staging

-- ===== changeTracking, expired version: account =====
SELECT CASE WHEN EXISTS (SELECT 1 FROM [psg].[account] WHERE [lf_is_current] = 1) THEN 1 ELSE 0 END AS [present];

IF OBJECT_ID(N'[temp].[account_delta]', N'U') IS NOT NULL DROP TABLE [temp].[account_delta];

CREATE TABLE [temp].[account_delta]
WITH (DISTRIBUTION = HASH([account_id]), HEAP)
AS
SELECT CASE WHEN s.[account_id] IS NULL THEN p.[account_id] ELSE s.[account_id] END AS [account_id],
       s.[account_name] AS [account_name],
       s.[balance] AS [balance],
       s.[opened_on] AS [opened_on],
       s.[lf_row_hash] AS [lf_row_hash],
       CASE WHEN s.[account_id] IS NULL THEN 'D' WHEN p.[account_id] IS NULL THEN 'I' ELSE 'U' END AS [lf_change_operation]
FROM (SELECT s.*, CONVERT(CHAR(64), HASHBYTES('SHA2_256', CONCAT(CASE WHEN s.[account_id] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[account_id] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[account_id] AS NVARCHAR(MAX))) END, CASE WHEN s.[account_name] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[account_name] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[account_name] AS NVARCHAR(MAX))) END, CASE WHEN s.[balance] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CAST(s.[balance] AS NVARCHAR(MAX))) AS NVARCHAR(20)), ':', CAST(s.[balance] AS NVARCHAR(MAX))) END, CASE WHEN s.[opened_on] IS NULL THEN 'N' ELSE CONCAT('V', CAST(DATALENGTH(CONVERT(NVARCHAR(10), s.[opened_on], 23)) AS NVARCHAR(20)), ':', CONVERT(NVARCHAR(10), s.[opened_on], 23)) END)), 2) AS [lf_row_hash] FROM [temp].[account] AS s) AS s
FULL OUTER JOIN (SELECT [account_id], [lf_row_hash] FROM [psg].[account] WHERE [lf_is_current] = 1 AND [lf_is_deleted] = 0) AS p ON s.[account_id] = p.[account_id]
WHERE s.[account_id] IS NULL OR p.[account_id] IS NULL OR p.[lf_row_hash] <> s.[lf_row_hash];

IF OBJECT_ID(N'[temp].[account]', N'U') IS NOT NULL DROP TABLE [temp].[account];

RENAME OBJECT [temp].[account_delta] TO [account];

-- ===== multiWildCardFile: payroll =====
-- the files extract delivers a change set: no comparison with persistent staging
