SET SESSION preserve_insertion_order = false;

CREATE OR REPLACE TABLE "stage"."shipment" AS
SELECT CAST("shipment_id" AS INTEGER) AS "shipment_id",
       CAST("shipped_on" AS DATE) AS "shipped_on",
       CAST("weight_kg" AS DOUBLE) AS "weight_kg",
       CAST("is_express" AS BOOLEAN) AS "is_express"
FROM read_csv(['drop/shipment/Latest/year={yyyy}/month={mm}/shipment_000000000001.csv'], hive_partitioning = false, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, auto_detect = false, columns = {'shipment_id': 'VARCHAR', 'shipped_on': 'VARCHAR', 'weight_kg': 'VARCHAR', 'is_express': 'VARCHAR'});