-- ===== full: Order "Line's =====
SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = to_regclass('"sales"."order lines''s"') AND relkind IN ('r', 'p', 'm');

-- ===== a table in the connection's default schema: shipments =====
SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = to_regclass('"shipments"') AND relkind IN ('r', 'p', 'm');
