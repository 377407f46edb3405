-- fact "requests" (tsql)

-- ==== setup: warehouse (tsql) ====
-- the fact's tables, created if missing

IF SCHEMA_ID(N'ingest') IS NULL EXEC(N'CREATE SCHEMA [ingest]');

IF OBJECT_ID(N'[hosts]', 'U') IS NULL CREATE TABLE [hosts] (
  [host_id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  [host_name] NVARCHAR(99) NOT NULL,
  CONSTRAINT [hosts__name] UNIQUE ([host_name], [host_id])
);

IF OBJECT_ID(N'[paths]', 'U') IS NULL CREATE TABLE [paths] (
  [path_id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  [path] NVARCHAR(200) NOT NULL,
  CONSTRAINT [paths__name] UNIQUE ([path], [path_id])
);

IF OBJECT_ID(N'[requests]', N'U') IS NULL
CREATE TABLE [requests] (
  [host_id] INT NOT NULL,
  [path_id] INT NOT NULL,
  [event_at] DATETIME2(7) NOT NULL,
  [bytes] DECIMAL(12,2),
  CHECK ([host_id] > 0),
  CHECK ([path_id] > 0)
);

IF OBJECT_ID(N'[requests_daily]', N'U') IS NULL
CREATE TABLE [requests_daily] (
  [host_id] INT NOT NULL,
  [day] DATE NOT NULL,
  [requests] BIGINT NOT NULL,
  [bytes] DECIMAL(38,2),
  [largest] DECIMAL(12,2),
  PRIMARY KEY ([host_id], [day])
);

IF OBJECT_ID(N'[ingest].[requests__staging]', 'U') IS NULL CREATE TABLE [ingest].[requests__staging] (
  [host_name] NVARCHAR(99) NOT NULL,
  [path] NVARCHAR(200) NOT NULL,
  [event_at] DATETIME2(7) NOT NULL,
  [bytes] DECIMAL(12,2),
  [host_id] INT NOT NULL DEFAULT 0,
  [path_id] INT NOT NULL DEFAULT 0
);

IF OBJECT_ID(N'[ingest].[requests__process]', 'U') IS NULL CREATE TABLE [ingest].[requests__process] (
  [host_name] NVARCHAR(99) NOT NULL,
  [path] NVARCHAR(200) NOT NULL,
  [event_at] DATETIME2(7) NOT NULL,
  [bytes] DECIMAL(12,2),
  [host_id] INT NOT NULL DEFAULT 0,
  [path_id] INT NOT NULL DEFAULT 0
);

IF OBJECT_ID(N'[requests__state]', N'U') IS NULL
CREATE TABLE [requests__state] (
  id INTEGER NOT NULL PRIMARY KEY,
  generation BIGINT NOT NULL,
  processed BIGINT NOT NULL,
  pulled BIGINT NOT NULL
);

MERGE [requests__state] AS t
USING (VALUES (1, 0, 0, 0)) AS v (id, generation, processed, pulled)
ON t.id = v.id
WHEN NOT MATCHED THEN INSERT (id, generation, processed, pulled) VALUES (v.id, v.generation, v.processed, v.pulled);


-- ==== state: warehouse (tsql) ====
-- a generation swapped in but not processed is processed first, and nothing is swapped

SELECT generation, processed FROM [requests__state] WHERE id = 1;


-- ==== swap: warehouse (tsql) ====
-- one transaction: inserters wait, then write into the new staging table

BEGIN TRANSACTION;

DROP TABLE IF EXISTS [ingest].[requests__process];

EXEC sp_rename N'[ingest].[requests__staging]', N'requests__process';

IF OBJECT_ID(N'[ingest].[requests__staging]', 'U') IS NULL CREATE TABLE [ingest].[requests__staging] (
  [host_name] NVARCHAR(99) NOT NULL,
  [path] NVARCHAR(200) NOT NULL,
  [event_at] DATETIME2(7) NOT NULL,
  [bytes] DECIMAL(12,2),
  [host_id] INT NOT NULL DEFAULT 0,
  [path_id] INT NOT NULL DEFAULT 0
);

UPDATE [requests__state] SET generation = generation + 1 WHERE id = 1;

COMMIT TRANSACTION;


-- ==== count: warehouse (tsql) ====
-- the rows this pass processes

SELECT COUNT(*) FROM [ingest].[requests__process];


-- ==== normalize: warehouse (tsql) ====
-- each statement in its own autocommit transaction, outside the load's

INSERT INTO [hosts] WITH (TABLOCKX) ([host_name])
SELECT DISTINCT s.[host_name]
FROM [ingest].[requests__process] AS s
LEFT JOIN [hosts] AS n ON n.[host_name] = s.[host_name]
WHERE n.[host_id] IS NULL;

UPDATE s
SET s.[host_id] = n.[host_id]
FROM [ingest].[requests__process] AS s
JOIN [hosts] AS n ON n.[host_name] = s.[host_name];

INSERT INTO [paths] WITH (TABLOCKX) ([path])
SELECT DISTINCT s.[path]
FROM [ingest].[requests__process] AS s
LEFT JOIN [paths] AS n ON n.[path] = s.[path]
WHERE n.[path_id] IS NULL;

UPDATE s
SET s.[path_id] = n.[path_id]
FROM [ingest].[requests__process] AS s
JOIN [paths] AS n ON n.[path] = s.[path];


-- ==== load: warehouse (tsql) ====
-- summaries and the copy to the fact commit together, with the mark that these rows are done

BEGIN TRANSACTION;

MERGE [requests_daily] AS t
USING (
SELECT [host_id], CAST([event_at] AS DATE), COUNT(*), SUM([bytes]), MAX([bytes])
FROM [ingest].[requests__process]
GROUP BY [host_id], CAST([event_at] AS DATE)
) AS e ([host_id], [day], [requests], [bytes], [largest])
ON t.[host_id] = e.[host_id] AND t.[day] = e.[day]
WHEN MATCHED THEN UPDATE SET [requests] = t.[requests] + e.[requests], [bytes] = CASE WHEN t.[bytes] IS NULL THEN e.[bytes] WHEN e.[bytes] IS NULL THEN t.[bytes] ELSE t.[bytes] + e.[bytes] END, [largest] = CASE WHEN t.[largest] IS NULL OR e.[largest] > t.[largest] THEN e.[largest] ELSE t.[largest] END
WHEN NOT MATCHED THEN INSERT ([host_id], [day], [requests], [bytes], [largest]) VALUES (e.[host_id], e.[day], e.[requests], e.[bytes], e.[largest]);

INSERT INTO [requests] ([host_id], [path_id], [event_at], [bytes])
SELECT [host_id], [path_id], [event_at], [bytes]
FROM [ingest].[requests__process];

UPDATE [requests__state] SET processed = generation WHERE id = 1;

COMMIT TRANSACTION;
