IF NOT EXISTS (SELECT 1 FROM sys.symmetric_keys WHERE name = N'##MS_DatabaseMasterKey##') CREATE MASTER KEY;

IF NOT EXISTS (SELECT 1 FROM sys.database_scoped_credentials WHERE name = N'lf_lake_identity') CREATE DATABASE SCOPED CREDENTIAL [lf_lake_identity] WITH IDENTITY = 'Managed Service Identity';

IF NOT EXISTS (SELECT 1 FROM sys.external_data_sources WHERE name = N'lake') CREATE EXTERNAL DATA SOURCE [lake] WITH (TYPE = HADOOP, LOCATION = N'abfss://raw@everykindlake.dfs.core.windows.net', CREDENTIAL = [lf_lake_identity]);

IF OBJECT_ID(N'[temp].[product_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[product_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_product_format') DROP EXTERNAL FILE FORMAT [lf_product_format];

CREATE EXTERNAL FILE FORMAT [lf_product_format] WITH (FORMAT_TYPE = PARQUET, DATA_COMPRESSION = N'org.apache.hadoop.io.compress.GzipCodec');

CREATE EXTERNAL TABLE [temp].[product_external] (
  [product_id] INT NULL,
  [product_name] NVARCHAR(4000) NULL,
  [available_from] TIME(7) NULL
)
WITH (LOCATION = N'/landing/finance/products/product/Latest/', DATA_SOURCE = [lake], FILE_FORMAT = [lf_product_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[product_delta]', N'U') IS NOT NULL DROP TABLE [temp].[product_delta];

IF OBJECT_ID(N'[temp].[product]', N'U') IS NOT NULL DROP TABLE [temp].[product];

CREATE TABLE [temp].[product]
WITH (DISTRIBUTION = REPLICATE, HEAP)
AS SELECT * FROM [temp].[product_external];