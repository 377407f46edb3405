-- ===== full: Order "Line's =====
INSERT BULK [temp].[Order "Line's] ([order_id] NVARCHAR(100), [line no] NVARCHAR(100), [product] NVARCHAR(50), [weird "col" [x]] `y`] NVARCHAR(MAX), [amount] NVARCHAR(100), [is_gift] NVARCHAR(100), [source_system] NVARCHAR(20), [load_batch] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);

-- ===== incremental: customer =====
INSERT BULK [temp].[customer] ([customer_id] NVARCHAR(100), [name] NVARCHAR(100), [modified_at] NVARCHAR(100), [row_version] NVARCHAR(100), [balance] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);

-- ===== incremental, first run: customer =====
INSERT BULK [temp].[customer] ([customer_id] NVARCHAR(100), [name] NVARCHAR(100), [modified_at] NVARCHAR(100), [row_version] NVARCHAR(100), [balance] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);

-- ===== dateRange (date): shipment =====
INSERT BULK [temp].[shipment] ([shipment_id] NVARCHAR(100), [ship_date] NVARCHAR(100), [carrier] NVARCHAR(30)) WITH (TABLOCK, KEEP_NULLS);

-- ===== dateRange (datetime): event =====
INSERT BULK [temp].[event] ([event_id] NVARCHAR(100), [event_time] NVARCHAR(100), [recorded_at] NVARCHAR(100), [start] NVARCHAR(100), [score] NVARCHAR(100), [ratio] NVARCHAR(100), [kind] NVARCHAR(100), [raw] VARBINARY(MAX)) WITH (TABLOCK, KEEP_NULLS);

-- ===== changeTracking: account =====
INSERT BULK [temp].[account] ([account_id] NVARCHAR(100), [account_name] NVARCHAR(200), [balance] NVARCHAR(100), [opened_on] NVARCHAR(100), [lf_change_operation] NVARCHAR(1)) WITH (TABLOCK, KEEP_NULLS);

-- ===== changeTracking, expired version: account =====
INSERT BULK [temp].[account] ([account_id] NVARCHAR(100), [account_name] NVARCHAR(200), [balance] NVARCHAR(100), [opened_on] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);

-- ===== multiWildCardFile: payroll =====
INSERT BULK [temp].[payroll] ([employee_id] NVARCHAR(100), [period] NVARCHAR(7), [gross] NVARCHAR(100)) WITH (TABLOCK, KEEP_NULLS);
