IF OBJECT_ID(N'[temp].[product_external]', N'ET') IS NOT NULL DROP EXTERNAL TABLE [temp].[product_external];

IF EXISTS (SELECT 1 FROM sys.external_file_formats WHERE name = N'lf_product_format') DROP EXTERNAL FILE FORMAT [lf_product_format];

CREATE EXTERNAL FILE FORMAT [lf_product_format] WITH (FORMAT_TYPE = PARQUET);

CREATE EXTERNAL TABLE [temp].[product_external] (
  [product_id] INT NULL,
  [product_name] NVARCHAR(4000) NULL,
  [available_from] TIME(7) NULL
)
WITH (LOCATION = N'/finance/products/product/Latest/', DATA_SOURCE = [lake], FILE_FORMAT = [lf_product_format], REJECT_TYPE = VALUE, REJECT_VALUE = 0);

IF OBJECT_ID(N'[temp].[product_delta]', N'U') IS NOT NULL DROP TABLE [temp].[product_delta];

IF OBJECT_ID(N'[temp].[product]', N'U') IS NOT NULL DROP TABLE [temp].[product];

CREATE TABLE [temp].[product]
WITH (DISTRIBUTION = REPLICATE, HEAP)
AS SELECT * FROM [temp].[product_external];