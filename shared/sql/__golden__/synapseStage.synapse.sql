-- ===== full: Order "Line's =====
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_lake_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_lake_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'lake') CREATE EXTERNAL DATA SOURCE [lake] WITH (TYPE = HADOOP, LOCATION = N'abfss://raw@goldenlake.dfs.core.windows.net', CREDENTIAL = [lf_lake_identity]);

IF OBJECT_ID(N'[temp].[Order "Line''s_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[Order "Line's_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_Order "Line''s_format') DROP EXTERNAL FILE FORMAT [lf_Order "Line's_format];

CREATE EXTERNAL FILE FORMAT [lf_Order "Line's_format] WITH (FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = N',', STRING_DELIMITER = N'"', FIRST_ROW = 2, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8'), DATA_COMPRESSION = N'org.apache.hadoop.io.compress.GzipCodec');

CREATE EXTERNAL TABLE [temp].[Order "Line's_external] (
  [order_id] BIGINT NULL,
  [line no] INT NULL,
  [product] NVARCHAR(50) NULL,
  [weird "col" [x]] `y`] NVARCHAR(4000) NULL,
  [amount] DECIMAL(18,2) NULL,
  [is_gift] BIT NULL,
  [source_system] NVARCHAR(20) NULL,
  [load_batch] BIGINT NULL
)
WITH (LOCATION = N'/sales/Order "Line''s/Latest/', DATA_SOURCE = [lake], FILE_FORMAT = [lf_Order "Line's_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[Order "Line''s_delta]', N'U') IS NOT NULL DROP TABLE [temp].[Order "Line's_delta];

IF OBJECT_ID(N'[temp].[Order "Line''s]', N'U') IS NOT NULL DROP TABLE [temp].[Order "Line's];

CREATE TABLE [temp].[Order "Line's]
WITH (DISTRIBUTION = HASH([order_id]), HEAP)
AS SELECT * FROM [temp].[Order "Line's_external];

-- ===== incremental: customer =====
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_landing_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_landing_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'landing') CREATE EXTERNAL DATA SOURCE [landing] WITH (TYPE = HADOOP, LOCATION = N'/data/lake', CREDENTIAL = [lf_landing_identity]);

IF OBJECT_ID(N'[temp].[customer_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[customer_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_customer_format') DROP EXTERNAL FILE FORMAT [lf_customer_format];

CREATE EXTERNAL FILE FORMAT [lf_customer_format] WITH (FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = N',', STRING_DELIMITER = N'"', FIRST_ROW = 2, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8'));

CREATE EXTERNAL TABLE [temp].[customer_external] (
  [customer_id] INT NULL,
  [name] NVARCHAR(100) NULL,
  [modified_at] DATETIME2(7) NULL,
  [row_version] BIGINT NULL,
  [balance] DECIMAL(12,2) NULL
)
WITH (LOCATION = N'/customer/Latest/', DATA_SOURCE = [landing], FILE_FORMAT = [lf_customer_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[customer_delta]', N'U') IS NOT NULL DROP TABLE [temp].[customer_delta];

IF OBJECT_ID(N'[temp].[customer]', N'U') IS NOT NULL DROP TABLE [temp].[customer];

CREATE TABLE [temp].[customer]
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)
AS SELECT * FROM [temp].[customer_external];

-- ===== incremental, first run: customer =====
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_landing_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_landing_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'landing') CREATE EXTERNAL DATA SOURCE [landing] WITH (TYPE = HADOOP, LOCATION = N'/data/lake', CREDENTIAL = [lf_landing_identity]);

IF OBJECT_ID(N'[temp].[customer_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[customer_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_customer_format') DROP EXTERNAL FILE FORMAT [lf_customer_format];

CREATE EXTERNAL FILE FORMAT [lf_customer_format] WITH (FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = N',', STRING_DELIMITER = N'"', FIRST_ROW = 2, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8'));

CREATE EXTERNAL TABLE [temp].[customer_external] (
  [customer_id] INT NULL,
  [name] NVARCHAR(100) NULL,
  [modified_at] DATETIME2(7) NULL,
  [row_version] BIGINT NULL,
  [balance] DECIMAL(12,2) NULL
)
WITH (LOCATION = N'/customer/Latest/', DATA_SOURCE = [landing], FILE_FORMAT = [lf_customer_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[customer_delta]', N'U') IS NOT NULL DROP TABLE [temp].[customer_delta];

IF OBJECT_ID(N'[temp].[customer]', N'U') IS NOT NULL DROP TABLE [temp].[customer];

CREATE TABLE [temp].[customer]
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)
AS SELECT * FROM [temp].[customer_external];

-- ===== dateRange (date): shipment =====
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_lake_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_lake_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'lake') CREATE EXTERNAL DATA SOURCE [lake] WITH (TYPE = HADOOP, LOCATION = N'abfss://raw@goldenlake.dfs.core.windows.net', CREDENTIAL = [lf_lake_identity]);

IF OBJECT_ID(N'[temp].[shipment_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[shipment_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_shipment_format') DROP EXTERNAL FILE FORMAT [lf_shipment_format];

CREATE EXTERNAL FILE FORMAT [lf_shipment_format] WITH (FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = N';', STRING_DELIMITER = N'''', FIRST_ROW = 1, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8'), DATA_COMPRESSION = N'org.apache.hadoop.io.compress.GzipCodec');

CREATE EXTERNAL TABLE [temp].[shipment_external] (
  [shipment_id] INT NULL,
  [ship_date] DATE NULL,
  [carrier] NVARCHAR(30) NULL
)
WITH (LOCATION = N'/logistics/shipment/Latest/', DATA_SOURCE = [lake], FILE_FORMAT = [lf_shipment_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[shipment_delta]', N'U') IS NOT NULL DROP TABLE [temp].[shipment_delta];

IF OBJECT_ID(N'[temp].[shipment]', N'U') IS NOT NULL DROP TABLE [temp].[shipment];

CREATE TABLE [temp].[shipment]
WITH (DISTRIBUTION = REPLICATE, HEAP)
AS SELECT * FROM [temp].[shipment_external];

-- ===== dateRange (datetime): event =====
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_landing_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_landing_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'landing') CREATE EXTERNAL DATA SOURCE [landing] WITH (TYPE = HADOOP, LOCATION = N'/data/lake', CREDENTIAL = [lf_landing_identity]);

IF OBJECT_ID(N'[temp].[event_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[event_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_event_format') DROP EXTERNAL FILE FORMAT [lf_event_format];

CREATE EXTERNAL FILE FORMAT [lf_event_format] WITH (FORMAT_TYPE = PARQUET, DATA_COMPRESSION = N'org.apache.hadoop.io.compress.SnappyCodec');

CREATE EXTERNAL TABLE [temp].[event_external] (
  [event_id] UNIQUEIDENTIFIER NULL,
  [event_time] DATETIME2(7) NULL,
  [recorded_at] DATETIMEOFFSET(7) NULL,
  [start] TIME(7) NULL,
  [score] FLOAT NULL,
  [ratio] REAL NULL,
  [kind] SMALLINT NULL,
  [raw] VARBINARY(16) NULL
)
WITH (LOCATION = N'/event/Latest/', DATA_SOURCE = [landing], FILE_FORMAT = [lf_event_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[event_delta]', N'U') IS NOT NULL DROP TABLE [temp].[event_delta];

IF OBJECT_ID(N'[temp].[event]', N'U') IS NOT NULL DROP TABLE [temp].[event];

CREATE TABLE [temp].[event]
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)
AS SELECT * FROM [temp].[event_external];

-- ===== changeTracking: account =====
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_lake_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_lake_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'lake') CREATE EXTERNAL DATA SOURCE [lake] WITH (TYPE = HADOOP, LOCATION = N'abfss://raw@goldenlake.dfs.core.windows.net', CREDENTIAL = [lf_lake_identity]);

IF OBJECT_ID(N'[temp].[account_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[account_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_account_format') DROP EXTERNAL FILE FORMAT [lf_account_format];

CREATE EXTERNAL FILE FORMAT [lf_account_format] WITH (FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = N',', STRING_DELIMITER = N'"', FIRST_ROW = 2, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8'), DATA_COMPRESSION = N'org.apache.hadoop.io.compress.GzipCodec');

CREATE EXTERNAL TABLE [temp].[account_external] (
  [account_id] INT NULL,
  [account_name] NVARCHAR(200) NULL,
  [balance] DECIMAL(18,2) NULL,
  [opened_on] DATE NULL,
  [lf_change_operation] NCHAR(1) NULL
)
WITH (LOCATION = N'/account/Latest/', DATA_SOURCE = [lake], FILE_FORMAT = [lf_account_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[account_delta]', N'U') IS NOT NULL DROP TABLE [temp].[account_delta];

IF OBJECT_ID(N'[temp].[account]', N'U') IS NOT NULL DROP TABLE [temp].[account];

CREATE TABLE [temp].[account]
WITH (DISTRIBUTION = HASH([account_id]), HEAP)
AS SELECT * FROM [temp].[account_external];

-- ===== changeTracking, expired version: account =====
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_lake_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_lake_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'lake') CREATE EXTERNAL DATA SOURCE [lake] WITH (TYPE = HADOOP, LOCATION = N'abfss://raw@goldenlake.dfs.core.windows.net', CREDENTIAL = [lf_lake_identity]);

IF OBJECT_ID(N'[temp].[account_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[account_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_account_format') DROP EXTERNAL FILE FORMAT [lf_account_format];

CREATE EXTERNAL FILE FORMAT [lf_account_format] WITH (FORMAT_TYPE = DELIMITEDTEXT, FORMAT_OPTIONS (FIELD_TERMINATOR = N',', STRING_DELIMITER = N'"', FIRST_ROW = 2, USE_TYPE_DEFAULT = FALSE, ENCODING = 'UTF8'), DATA_COMPRESSION = N'org.apache.hadoop.io.compress.GzipCodec');

CREATE EXTERNAL TABLE [temp].[account_external] (
  [account_id] INT NULL,
  [account_name] NVARCHAR(200) NULL,
  [balance] DECIMAL(18,2) NULL,
  [opened_on] DATE NULL
)
WITH (LOCATION = N'/account/Latest/', DATA_SOURCE = [lake], FILE_FORMAT = [lf_account_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[account_delta]', N'U') IS NOT NULL DROP TABLE [temp].[account_delta];

IF OBJECT_ID(N'[temp].[account]', N'U') IS NOT NULL DROP TABLE [temp].[account];

CREATE TABLE [temp].[account]
WITH (DISTRIBUTION = HASH([account_id]), HEAP)
AS SELECT * FROM [temp].[account_external];

-- ===== multiWildCardFile: payroll =====
IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_landing_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_landing_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'landing') CREATE EXTERNAL DATA SOURCE [landing] WITH (TYPE = HADOOP, LOCATION = N'/data/lake', CREDENTIAL = [lf_landing_identity]);

IF OBJECT_ID(N'[temp].[payroll_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[payroll_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_payroll_format') DROP EXTERNAL FILE FORMAT [lf_payroll_format];

CREATE EXTERNAL FILE FORMAT [lf_payroll_format] WITH (FORMAT_TYPE = PARQUET, DATA_COMPRESSION = N'org.apache.hadoop.io.compress.GzipCodec');

CREATE EXTERNAL TABLE [temp].[payroll_external] (
  [employee_id] INT NULL,
  [period] NVARCHAR(7) NULL,
  [gross] DECIMAL(12,2) NULL
)
WITH (LOCATION = N'/payroll/Latest/', DATA_SOURCE = [landing], FILE_FORMAT = [lf_payroll_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[payroll_delta]', N'U') IS NOT NULL DROP TABLE [temp].[payroll_delta];

IF OBJECT_ID(N'[temp].[payroll]', N'U') IS NOT NULL DROP TABLE [temp].[payroll];

CREATE TABLE [temp].[payroll]
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP)
AS SELECT * FROM [temp].[payroll_external];
