-- ===== Order "Line's =====
IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[Order "Line''s]', N'U') IS NULL
CREATE TABLE [psg].[Order "Line's] (
  [order_id] BIGINT NOT NULL,
  [line no] INT NOT NULL,
  [product] NVARCHAR(50) NULL,
  [weird "col" [x]] `y`] NVARCHAR(4000) NULL,
  [amount] DECIMAL(18,2) NULL,
  [is_gift] BIT NULL,
  [source_system] NVARCHAR(20) NULL,
  [load_batch] BIGINT NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
)
WITH (DISTRIBUTION = HASH([order_id]), CLUSTERED COLUMNSTORE INDEX);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

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
  [previous_success_at] DATETIME2(7) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

-- ===== customer =====
IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[customer]', N'U') IS NULL
CREATE TABLE [psg].[customer] (
  [customer_id] INT NOT NULL,
  [name] NVARCHAR(100) NULL,
  [modified_at] DATETIME2(7) NULL,
  [row_version] BIGINT NULL,
  [balance] DECIMAL(12,2) NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, CLUSTERED COLUMNSTORE INDEX);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

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
  [previous_success_at] DATETIME2(7) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

-- ===== shipment =====
IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[shipment]', N'U') IS NULL
CREATE TABLE [psg].[shipment] (
  [shipment_id] INT NOT NULL,
  [ship_date] DATE NOT NULL,
  [carrier] NVARCHAR(30) NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
)
WITH (DISTRIBUTION = REPLICATE, CLUSTERED COLUMNSTORE INDEX);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

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
  [previous_success_at] DATETIME2(7) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

-- ===== event =====
IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[event]', N'U') IS NULL
CREATE TABLE [psg].[event] (
  [event_id] UNIQUEIDENTIFIER NOT NULL,
  [event_time] DATETIME2(7) NOT NULL,
  [recorded_at] DATETIMEOFFSET(7) NULL,
  [start] TIME(7) NULL,
  [score] FLOAT NULL,
  [ratio] REAL NULL,
  [kind] SMALLINT NULL,
  [raw] VARBINARY(16) NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, CLUSTERED COLUMNSTORE INDEX);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

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
  [previous_success_at] DATETIME2(7) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

-- ===== account =====
IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[account]', N'U') IS NULL
CREATE TABLE [psg].[account] (
  [account_id] INT NOT NULL,
  [account_name] NVARCHAR(200) NOT NULL,
  [balance] DECIMAL(18,2) NULL,
  [opened_on] DATE NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
)
WITH (DISTRIBUTION = HASH([account_id]), CLUSTERED COLUMNSTORE INDEX);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

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
  [previous_success_at] DATETIME2(7) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

-- ===== payroll =====
IF SCHEMA_ID(N'temp') IS NULL EXEC(N'CREATE SCHEMA [temp]');

IF SCHEMA_ID(N'psg') IS NULL EXEC(N'CREATE SCHEMA [psg]');

IF SCHEMA_ID(N'zdm') IS NULL EXEC(N'CREATE SCHEMA [zdm]');

IF OBJECT_ID(N'[psg].[payroll]', N'U') IS NULL
CREATE TABLE [psg].[payroll] (
  [employee_id] INT NOT NULL,
  [period] NVARCHAR(7) NOT NULL,
  [gross] DECIMAL(12,2) NULL,
  [lf_row_hash] CHAR(64) NOT NULL,
  [lf_valid_from] DATETIME2(7) NOT NULL,
  [lf_valid_to] DATETIME2(7) NULL,
  [lf_is_current] BIT NOT NULL,
  [lf_is_deleted] BIT NOT NULL,
  [lf_batch_id] BIGINT NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, CLUSTERED COLUMNSTORE INDEX);

IF OBJECT_ID(N'[zdm].[control_parameters]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameters] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [value] NVARCHAR(400) NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[row_hash_schemes]', N'U') IS NULL
CREATE TABLE [zdm].[row_hash_schemes] (
  [entity] NVARCHAR(400) NOT NULL,
  [scheme] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[control_parameter_history]', N'U') IS NULL
CREATE TABLE [zdm].[control_parameter_history] (
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [old_value] NVARCHAR(400) NULL,
  [new_value] NVARCHAR(400) NULL,
  [run_id] NVARCHAR(400) NULL,
  [changed_at] DATETIME2(7) NOT NULL,
  [changed_by] NVARCHAR(400) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[run_log]', N'U') IS NULL
CREATE TABLE [zdm].[run_log] (
  [run_id] NVARCHAR(400) NOT NULL,
  [batch_id] BIGINT NOT NULL,
  [batch_date] NVARCHAR(400) NOT NULL,
  [started_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

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
  [previous_success_at] DATETIME2(7) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_run_watermarks]', N'U') IS NULL
CREATE TABLE [zdm].[entity_run_watermarks] (
  [run_id] NVARCHAR(400) NOT NULL,
  [entity] NVARCHAR(400) NOT NULL,
  [parameter] NVARCHAR(400) NOT NULL,
  [watermark_before] NVARCHAR(400) NULL,
  [watermark_after] NVARCHAR(400) NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);

IF OBJECT_ID(N'[zdm].[entity_columns]', N'U') IS NULL
CREATE TABLE [zdm].[entity_columns] (
  [entity] NVARCHAR(400) NOT NULL,
  [position] INTEGER NOT NULL,
  [column_name] NVARCHAR(400) NOT NULL,
  [column_type] NVARCHAR(400) NOT NULL,
  [updated_at] DATETIME2(7) NOT NULL
)
WITH (DISTRIBUTION = ROUND_ROBIN, HEAP);
