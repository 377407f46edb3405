-- ===== Order "Line's (hostile values) =====
INSERT INTO "temp"."Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch") VALUES
(9007199254740993, -1, 'O''Brien''s "best"', E'''; DROP TABLE x; --\\
	tab
next é 😀', -1234567890123456.78, TRUE, E'C:\\lake\\', 42),
(1, 2, NULL, '', 0.10, FALSE, NULL, NULL);

-- ===== event (typed values) =====
INSERT INTO "temp"."event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw") VALUES
('2f1d6a4e-8c3b-4d2a-9e1f-0a1b2c3d4e5f', TIMESTAMP '2026-06-30 23:59:59.999999', TIMESTAMP '2026-06-30 21:59:59.5', '08:30:00', -1.5e-7, 0.1, -32768, NULL);

-- ===== account (changes, with the operation flag) =====
INSERT INTO "temp"."account" ("account_id", "account_name", "balance", "opened_on", "lf_change_operation") VALUES
(7, 'Zoë', 1.50, DATE '2026-02-28', 'U');

-- ===== full: Order "Line's (compiled, one row) =====
INSERT INTO "temp"."Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch") VALUES
($1, $2, $3, $4, $5, $6, $7, $8);

-- ===== incremental: customer (compiled, one row) =====
INSERT INTO "temp"."customer" ("customer_id", "name", "modified_at", "row_version", "balance") VALUES
($1, $2, $3, $4, $5);

-- ===== dateRange (date): shipment (compiled, one row) =====
INSERT INTO "temp"."shipment" ("shipment_id", "ship_date", "carrier") VALUES
($1, $2, $3);

-- ===== dateRange (datetime): event (compiled, one row) =====
INSERT INTO "temp"."event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw") VALUES
($1, $2, $3, $4, $5, $6, $7, $8);

-- ===== changeTracking: account (compiled, one row) =====
INSERT INTO "temp"."account" ("account_id", "account_name", "balance", "opened_on", "lf_change_operation") VALUES
($1, $2, $3, $4, $5);

-- ===== changeTracking, expired version: account (compiled, one row) =====
INSERT INTO "temp"."account" ("account_id", "account_name", "balance", "opened_on") VALUES
($1, $2, $3, $4);

-- ===== multiWildCardFile: payroll (compiled, one row) =====
INSERT INTO "temp"."payroll" ("employee_id", "period", "gross") VALUES
($1, $2, $3);
