-- ===== full: Order "Line's =====
IF OBJECT_ID(N'[temp].[Order "Line''s_delta]', N'U') IS NOT NULL DROP TABLE [temp].[Order "Line's_delta];

IF OBJECT_ID(N'[temp].[Order "Line''s]', N'U') IS NOT NULL DROP TABLE [temp].[Order "Line's];

CREATE TABLE [temp].[Order "Line's] (
  [order_id] BIGINT NULL,
  [line no] INT NULL,
  [product] NVARCHAR(50) NULL,
  [weird "col" [x]] `y`] NVARCHAR(MAX) NULL,
  [amount] DECIMAL(18,2) NULL,
  [is_gift] BIT NULL,
  [source_system] NVARCHAR(20) NULL,
  [load_batch] BIGINT NULL
);

INSERT BULK [temp].[Order "Line's] ([order_id] NVARCHAR(100), [line no] NVARCHAR(100), [product] NVARCHAR(50), [weird "col" [x]] `y`] NVARCHAR(MAX), [amount] NVARCHAR(100), [is_gift] NVARCHAR(100), [source_system] NVARCHAR(20), [load_batch] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);

-- ===== incremental: customer =====
IF OBJECT_ID(N'[temp].[customer_delta]', N'U') IS NOT NULL DROP TABLE [temp].[customer_delta];

IF OBJECT_ID(N'[temp].[customer]', N'U') IS NOT NULL DROP TABLE [temp].[customer];

CREATE TABLE [temp].[customer] (
  [customer_id] INT NULL,
  [name] NVARCHAR(100) NULL,
  [modified_at] DATETIME2(7) NULL,
  [row_version] BIGINT NULL,
  [balance] DECIMAL(12,2) NULL
);

INSERT BULK [temp].[customer] ([customer_id] NVARCHAR(100), [name] NVARCHAR(100), [modified_at] NVARCHAR(100), [row_version] NVARCHAR(100), [balance] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);

-- ===== incremental, first run: customer =====
IF OBJECT_ID(N'[temp].[customer_delta]', N'U') IS NOT NULL DROP TABLE [temp].[customer_delta];

IF OBJECT_ID(N'[temp].[customer]', N'U') IS NOT NULL DROP TABLE [temp].[customer];

CREATE TABLE [temp].[customer] (
  [customer_id] INT NULL,
  [name] NVARCHAR(100) NULL,
  [modified_at] DATETIME2(7) NULL,
  [row_version] BIGINT NULL,
  [balance] DECIMAL(12,2) NULL
);

INSERT BULK [temp].[customer] ([customer_id] NVARCHAR(100), [name] NVARCHAR(100), [modified_at] NVARCHAR(100), [row_version] NVARCHAR(100), [balance] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);

-- ===== dateRange (date): shipment =====
IF OBJECT_ID(N'[temp].[shipment_delta]', N'U') IS NOT NULL DROP TABLE [temp].[shipment_delta];

IF OBJECT_ID(N'[temp].[shipment]', N'U') IS NOT NULL DROP TABLE [temp].[shipment];

CREATE TABLE [temp].[shipment] (
  [shipment_id] INT NULL,
  [ship_date] DATE NULL,
  [carrier] NVARCHAR(30) NULL
);

INSERT BULK [temp].[shipment] ([shipment_id] NVARCHAR(100), [ship_date] NVARCHAR(100), [carrier] NVARCHAR(30)) WITH (TABLOCK, KEEP_NULLS);

-- ===== dateRange (datetime): event =====
IF OBJECT_ID(N'[temp].[event_delta]', N'U') IS NOT NULL DROP TABLE [temp].[event_delta];

IF OBJECT_ID(N'[temp].[event]', N'U') IS NOT NULL DROP TABLE [temp].[event];

CREATE TABLE [temp].[event] (
  [event_id] UNIQUEIDENTIFIER NULL,
  [event_time] DATETIME2(7) NULL,
  [recorded_at] DATETIMEOFFSET(7) NULL,
  [start] TIME(7) NULL,
  [score] FLOAT NULL,
  [ratio] REAL NULL,
  [kind] SMALLINT NULL,
  [raw] VARBINARY(16) NULL
);

INSERT BULK [temp].[event] ([event_id] NVARCHAR(100), [event_time] NVARCHAR(100), [recorded_at] NVARCHAR(100), [start] NVARCHAR(100), [score] NVARCHAR(100), [ratio] NVARCHAR(100), [kind] NVARCHAR(100), [raw] VARBINARY(MAX)) WITH (TABLOCK, KEEP_NULLS);

-- ===== changeTracking: account =====
IF OBJECT_ID(N'[temp].[account_delta]', N'U') IS NOT NULL DROP TABLE [temp].[account_delta];

IF OBJECT_ID(N'[temp].[account]', N'U') IS NOT NULL DROP TABLE [temp].[account];

CREATE TABLE [temp].[account] (
  [account_id] INT NULL,
  [account_name] NVARCHAR(200) NULL,
  [balance] DECIMAL(18,2) NULL,
  [opened_on] DATE NULL,
  [lf_change_operation] CHAR(1) NOT NULL
);

INSERT BULK [temp].[account] ([account_id] NVARCHAR(100), [account_name] NVARCHAR(200), [balance] NVARCHAR(100), [opened_on] NVARCHAR(100), [lf_change_operation] NVARCHAR(1)) WITH (TABLOCK, KEEP_NULLS);

-- ===== changeTracking, expired version: account =====
IF OBJECT_ID(N'[temp].[account_delta]', N'U') IS NOT NULL DROP TABLE [temp].[account_delta];

IF OBJECT_ID(N'[temp].[account]', N'U') IS NOT NULL DROP TABLE [temp].[account];

CREATE TABLE [temp].[account] (
  [account_id] INT NULL,
  [account_name] NVARCHAR(200) NULL,
  [balance] DECIMAL(18,2) NULL,
  [opened_on] DATE NULL
);

INSERT BULK [temp].[account] ([account_id] NVARCHAR(100), [account_name] NVARCHAR(200), [balance] NVARCHAR(100), [opened_on] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);

-- ===== multiWildCardFile: payroll =====
IF OBJECT_ID(N'[temp].[payroll_delta]', N'U') IS NOT NULL DROP TABLE [temp].[payroll_delta];

IF OBJECT_ID(N'[temp].[payroll]', N'U') IS NOT NULL DROP TABLE [temp].[payroll];

CREATE TABLE [temp].[payroll] (
  [employee_id] INT NULL,
  [period] NVARCHAR(7) NULL,
  [gross] DECIMAL(12,2) NULL
);

INSERT BULK [temp].[payroll] ([employee_id] NVARCHAR(100), [period] NVARCHAR(7), [gross] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);
