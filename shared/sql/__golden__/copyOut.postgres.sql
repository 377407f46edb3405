SET jit = off;
CREATE OR REPLACE FUNCTION pg_temp.lf_fail(c TEXT, message TEXT) RETURNS TEXT LANGUAGE plpgsql AS $lf$ BEGIN RAISE EXCEPTION USING MESSAGE = message, COLUMN = c, ERRCODE = 'LF001'; END $lf$;

COPY (
SELECT CASE WHEN "product_id" IS NULL THEN CAST(pg_temp.lf_fail('product_id', 'is NULL in a business key column: every row needs its key') AS TEXT) ELSE CAST(CAST("product_id" AS INTEGER) AS TEXT) END AS "product_id",
       CAST("product_name" AS TEXT) AS "product_name",
       CAST("available_from" AS TIME(6)) AS "available_from"
FROM (
SELECT "product_id",
       "product_name",
       "available_from"
FROM "public"."products"
) AS lf_e
) TO STDOUT WITH (FORMAT csv, HEADER false, DELIMITER ';', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');