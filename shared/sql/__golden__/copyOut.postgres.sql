CREATE OR REPLACE FUNCTION pg_temp.lf_fail(message TEXT) RETURNS TEXT LANGUAGE plpgsql AS $lf$ BEGIN RAISE EXCEPTION USING MESSAGE = message, ERRCODE = '22000'; END $lf$;

COPY (
SELECT CASE WHEN lf_q."product_id" IS NULL THEN CAST(pg_temp.lf_fail('entity "product", column "product_id", row ' || lf_row || ': is NULL in a business key column: every row needs its key') AS TEXT) ELSE CAST(CAST(lf_q."product_id" AS INTEGER) AS TEXT) END AS "product_id",
       CAST(lf_q."product_name" AS TEXT) AS "product_name",
       CAST(lf_q."available_from" AS TIME(6)) AS "available_from"
FROM (SELECT lf_e.*, row_number() OVER () AS lf_row FROM (
SELECT "product_id",
       "product_name",
       "available_from"
FROM "public"."products"
) AS lf_e) AS lf_q
) TO STDOUT WITH (FORMAT csv, HEADER false, DELIMITER ';', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');