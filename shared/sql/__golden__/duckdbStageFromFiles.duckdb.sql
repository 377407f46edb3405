-- ===== full: Order "Line's =====
SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."Order ""Line's" AS
SELECT CAST("order_id" AS BIGINT) AS "order_id",
       CAST("line no" AS INTEGER) AS "line no",
       CAST("product" AS VARCHAR) AS "product",
       CAST("weird ""col"" [x] `y`" AS VARCHAR) AS "weird ""col"" [x] `y`",
       CAST("amount" AS DECIMAL(18,2)) AS "amount",
       CAST("is_gift" AS BOOLEAN) AS "is_gift",
       CAST("source_system" AS VARCHAR) AS "source_system",
       CAST("load_batch" AS BIGINT) AS "load_batch"
FROM read_csv(['sales/Order "Line''s/Latest/*.csv.gz'], hive_partitioning = false, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, auto_detect = false, columns = {'order_id': 'VARCHAR', 'line no': 'VARCHAR', 'product': 'VARCHAR', 'weird "col" [x] `y`': 'VARCHAR', 'amount': 'VARCHAR', 'is_gift': 'VARCHAR', 'source_system': 'VARCHAR', 'load_batch': 'VARCHAR'});

-- ===== incremental: customer =====
SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."customer" AS
SELECT CAST("customer_id" AS INTEGER) AS "customer_id",
       CAST("name" AS VARCHAR) AS "name",
       CAST("modified_at" AS TIMESTAMP) AS "modified_at",
       CAST("row_version" AS BIGINT) AS "row_version",
       CAST("balance" AS DECIMAL(12,2)) AS "balance"
FROM read_csv(['/data/lake/customer/Latest/*.csv.zst'], hive_partitioning = false, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, auto_detect = false, columns = {'customer_id': 'VARCHAR', 'name': 'VARCHAR', 'modified_at': 'VARCHAR', 'row_version': 'VARCHAR', 'balance': 'VARCHAR'});

-- ===== incremental, first run: customer =====
SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."customer" AS
SELECT CAST("customer_id" AS INTEGER) AS "customer_id",
       CAST("name" AS VARCHAR) AS "name",
       CAST("modified_at" AS TIMESTAMP) AS "modified_at",
       CAST("row_version" AS BIGINT) AS "row_version",
       CAST("balance" AS DECIMAL(12,2)) AS "balance"
FROM read_csv(['/data/lake/customer/Latest/*.csv.zst'], hive_partitioning = false, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, auto_detect = false, columns = {'customer_id': 'VARCHAR', 'name': 'VARCHAR', 'modified_at': 'VARCHAR', 'row_version': 'VARCHAR', 'balance': 'VARCHAR'});

-- ===== dateRange (date): shipment =====
SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."shipment" AS
SELECT CAST("shipment_id" AS INTEGER) AS "shipment_id",
       CAST("ship_date" AS DATE) AS "ship_date",
       CAST("carrier" AS VARCHAR) AS "carrier"
FROM read_csv(['logistics/shipment/Latest/*.csv.gz'], hive_partitioning = false, header = false, delim = ';', quote = '''', escape = '''', nullstr = '', allow_quoted_nulls = false, auto_detect = false, columns = {'shipment_id': 'VARCHAR', 'ship_date': 'VARCHAR', 'carrier': 'VARCHAR'});

-- ===== dateRange (datetime): event =====
SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."event" AS
SELECT CAST("event_id" AS UUID) AS "event_id",
       CAST("event_time" AS TIMESTAMP) AS "event_time",
       CAST("recorded_at" AS TIMESTAMPTZ) AS "recorded_at",
       CAST("start" AS TIME) AS "start",
       CAST("score" AS DOUBLE) AS "score",
       CAST("ratio" AS FLOAT) AS "ratio",
       CAST("kind" AS SMALLINT) AS "kind",
       CAST("raw" AS BLOB) AS "raw"
FROM read_parquet(['/data/lake/event/Latest/*.parquet'], hive_partitioning = false);

-- ===== changeTracking: account =====
SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."account" AS
SELECT CAST("account_id" AS INTEGER) AS "account_id",
       CAST("account_name" AS VARCHAR) AS "account_name",
       CAST("balance" AS DECIMAL(18,2)) AS "balance",
       CAST("opened_on" AS DATE) AS "opened_on",
       CAST("lf_change_operation" AS VARCHAR) AS "lf_change_operation"
FROM read_csv(['account/Latest/*.csv.gz'], hive_partitioning = false, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, auto_detect = false, columns = {'account_id': 'VARCHAR', 'account_name': 'VARCHAR', 'balance': 'VARCHAR', 'opened_on': 'VARCHAR', 'lf_change_operation': 'VARCHAR'});

-- ===== changeTracking, expired version: account =====
SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."account" AS
SELECT CAST("account_id" AS INTEGER) AS "account_id",
       CAST("account_name" AS VARCHAR) AS "account_name",
       CAST("balance" AS DECIMAL(18,2)) AS "balance",
       CAST("opened_on" AS DATE) AS "opened_on"
FROM read_csv(['account/Latest/*.csv.gz'], hive_partitioning = false, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, auto_detect = false, columns = {'account_id': 'VARCHAR', 'account_name': 'VARCHAR', 'balance': 'VARCHAR', 'opened_on': 'VARCHAR'});

-- ===== multiWildCardFile: payroll =====
SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."payroll" AS
SELECT CAST("employee_id" AS INTEGER) AS "employee_id",
       CAST("period" AS VARCHAR) AS "period",
       CAST("gross" AS DECIMAL(12,2)) AS "gross"
FROM read_parquet(['/data/lake/payroll/Latest/*.parquet'], hive_partitioning = false);
