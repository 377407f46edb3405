-- ===== Order "Line's (hostile values) =====
INSERT INTO [temp].[Order "Line's] ([order_id], [line no], [product], [weird "col" [x]] `y`], [amount], [is_gift], [source_system], [load_batch]) SELECT 9007199254740993, -1, N'O''Brien''s "best"', N'''; DROP TABLE x; --\' + N'
	tab
next é 😀', -1234567890123456.78, 1, N'C:\lake\', 42 UNION ALL
SELECT 1, 2, NULL, N'', 0.10, 0, NULL, NULL;

-- ===== event (typed values) =====
INSERT INTO [temp].[event] ([event_id], [event_time], [recorded_at], [start], [score], [ratio], [kind], [raw]) SELECT N'2f1d6a4e-8c3b-4d2a-9e1f-0a1b2c3d4e5f', CAST(N'2026-06-30 23:59:59.999999' AS DATETIME2(7)), CAST(N'2026-06-30 21:59:59.5' AS DATETIME2(7)), N'08:30:00', -1.5e-7, 0.1, -32768, NULL;

-- ===== account (changes, with the operation flag) =====
INSERT INTO [temp].[account] ([account_id], [account_name], [balance], [opened_on], [lf_change_operation]) SELECT 7, N'Zoë', 1.50, CAST(N'2026-02-28' AS DATE), N'U';

-- ===== full: Order "Line's (compiled, one row) =====
INSERT INTO [temp].[Order "Line's] ([order_id], [line no], [product], [weird "col" [x]] `y`], [amount], [is_gift], [source_system], [load_batch]) SELECT @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8;

-- ===== incremental: customer (compiled, one row) =====
INSERT INTO [temp].[customer] ([customer_id], [name], [modified_at], [row_version], [balance]) SELECT @p1, @p2, @p3, @p4, @p5;

-- ===== dateRange (date): shipment (compiled, one row) =====
INSERT INTO [temp].[shipment] ([shipment_id], [ship_date], [carrier]) SELECT @p1, @p2, @p3;

-- ===== dateRange (datetime): event (compiled, one row) =====
INSERT INTO [temp].[event] ([event_id], [event_time], [recorded_at], [start], [score], [ratio], [kind], [raw]) SELECT @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8;

-- ===== changeTracking: account (compiled, one row) =====
INSERT INTO [temp].[account] ([account_id], [account_name], [balance], [opened_on], [lf_change_operation]) SELECT @p1, @p2, @p3, @p4, @p5;

-- ===== changeTracking, expired version: account (compiled, one row) =====
INSERT INTO [temp].[account] ([account_id], [account_name], [balance], [opened_on]) SELECT @p1, @p2, @p3, @p4;

-- ===== multiWildCardFile: payroll (compiled, one row) =====
INSERT INTO [temp].[payroll] ([employee_id], [period], [gross]) SELECT @p1, @p2, @p3;
