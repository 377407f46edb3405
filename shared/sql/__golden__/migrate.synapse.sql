-- ===== Order "Line's =====
EXEC sp_rename N'[psg].[Order "Line''s].[item]', N'product', 'COLUMN';

ALTER TABLE [psg].[Order "Line's] ALTER COLUMN [amount] DECIMAL(18,2) NULL;

ALTER TABLE [psg].[Order "Line's] ADD [load_batch] BIGINT NULL DEFAULT 0 WITH VALUES;

ALTER TABLE [psg].[Order "Line's] ALTER COLUMN [legacy] INT NULL;
