-- fact "requests" (duckdb)

-- ==== setup: warehouse (duckdb) ====
-- the fact's tables, created if missing

CREATE SCHEMA IF NOT EXISTS "ingest";

CREATE SEQUENCE IF NOT EXISTS "hosts__id";

CREATE TABLE IF NOT EXISTS "hosts" (
  "host_id" UINTEGER PRIMARY KEY DEFAULT nextval('"hosts__id"'),
  "host_name" VARCHAR NOT NULL UNIQUE
);

CREATE SEQUENCE IF NOT EXISTS "paths__id";

CREATE TABLE IF NOT EXISTS "paths" (
  "path_id" UINTEGER PRIMARY KEY DEFAULT nextval('"paths__id"'),
  "path" VARCHAR NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS "requests" (
  "host_id" UINTEGER NOT NULL,
  "path_id" UINTEGER NOT NULL,
  "event_at" TIMESTAMP NOT NULL,
  "bytes" DECIMAL(12,2),
  CHECK ("host_id" > 0),
  CHECK ("path_id" > 0)
);

CREATE TABLE IF NOT EXISTS "requests_daily" (
  "host_id" UINTEGER NOT NULL,
  "day" DATE NOT NULL,
  "requests" BIGINT NOT NULL,
  "bytes" DECIMAL(38,2),
  "largest" DECIMAL(12,2),
  PRIMARY KEY ("host_id", "day")
);

CREATE TABLE IF NOT EXISTS "ingest"."requests__staging" (
  "host_name" VARCHAR NOT NULL,
  "path" VARCHAR NOT NULL,
  "event_at" TIMESTAMP NOT NULL,
  "bytes" DECIMAL(12,2),
  "host_id" UINTEGER NOT NULL DEFAULT 0,
  "path_id" UINTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS "ingest"."requests__process" (
  "host_name" VARCHAR NOT NULL,
  "path" VARCHAR NOT NULL,
  "event_at" TIMESTAMP NOT NULL,
  "bytes" DECIMAL(12,2),
  "host_id" UINTEGER NOT NULL DEFAULT 0,
  "path_id" UINTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS "requests__state" (
  id INTEGER NOT NULL PRIMARY KEY,
  generation BIGINT NOT NULL,
  processed BIGINT NOT NULL,
  pulled BIGINT NOT NULL
);

INSERT INTO "requests__state" (id, generation, processed, pulled)
VALUES (1, 0, 0, 0)
ON CONFLICT DO NOTHING;


-- ==== state: warehouse (duckdb) ====
-- a generation swapped in but not processed is processed first, and nothing is swapped

SELECT generation, processed FROM "requests__state" WHERE id = 1;


-- ==== swap: warehouse (duckdb) ====
-- one transaction: inserters wait, then write into the new staging table

BEGIN TRANSACTION;

DROP TABLE IF EXISTS "ingest"."requests__process";

ALTER TABLE "ingest"."requests__staging" RENAME TO "requests__process";

CREATE TABLE IF NOT EXISTS "ingest"."requests__staging" (
  "host_name" VARCHAR NOT NULL,
  "path" VARCHAR NOT NULL,
  "event_at" TIMESTAMP NOT NULL,
  "bytes" DECIMAL(12,2),
  "host_id" UINTEGER NOT NULL DEFAULT 0,
  "path_id" UINTEGER NOT NULL DEFAULT 0
);

UPDATE "requests__state" SET generation = generation + 1 WHERE id = 1;

COMMIT;


-- ==== count: warehouse (duckdb) ====
-- the rows this pass processes

SELECT COUNT(*) FROM "ingest"."requests__process";


-- ==== normalize: warehouse (duckdb) ====
-- each statement in its own autocommit transaction, outside the load's

INSERT INTO "hosts" ("host_name")
SELECT DISTINCT s."host_name"
FROM "ingest"."requests__process" AS s
LEFT JOIN "hosts" AS n ON n."host_name" = s."host_name"
WHERE n."host_id" IS NULL
ON CONFLICT DO NOTHING;

UPDATE "ingest"."requests__process" AS s
SET "host_id" = n."host_id"
FROM "hosts" AS n
WHERE n."host_name" = s."host_name";

INSERT INTO "paths" ("path")
SELECT DISTINCT s."path"
FROM "ingest"."requests__process" AS s
LEFT JOIN "paths" AS n ON n."path" = s."path"
WHERE n."path_id" IS NULL
ON CONFLICT DO NOTHING;

UPDATE "ingest"."requests__process" AS s
SET "path_id" = n."path_id"
FROM "paths" AS n
WHERE n."path" = s."path";


-- ==== load: warehouse (duckdb) ====
-- summaries and the copy to the fact commit together, with the mark that these rows are done

BEGIN TRANSACTION;

INSERT INTO "requests_daily" AS t ("host_id", "day", "requests", "bytes", "largest")
SELECT "host_id", CAST("event_at" AS DATE), COUNT(*), SUM("bytes"), MAX("bytes")
FROM "ingest"."requests__process"
GROUP BY "host_id", CAST("event_at" AS DATE)
ON CONFLICT ("host_id", "day") DO UPDATE SET "requests" = t."requests" + EXCLUDED."requests", "bytes" = CASE WHEN t."bytes" IS NULL THEN EXCLUDED."bytes" WHEN EXCLUDED."bytes" IS NULL THEN t."bytes" ELSE t."bytes" + EXCLUDED."bytes" END, "largest" = CASE WHEN t."largest" IS NULL OR EXCLUDED."largest" > t."largest" THEN EXCLUDED."largest" ELSE t."largest" END;

INSERT INTO "requests" ("host_id", "path_id", "event_at", "bytes")
SELECT "host_id", "path_id", "event_at", "bytes"
FROM "ingest"."requests__process";

UPDATE "requests__state" SET processed = generation WHERE id = 1;

COMMIT;
