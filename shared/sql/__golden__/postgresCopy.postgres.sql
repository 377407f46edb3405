-- ===== full: Order "Line's =====
COPY "temp"."Order ""Line's" ("order_id", "line no", "product", "weird ""col"" [x] `y`", "amount", "is_gift", "source_system", "load_batch") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');

-- ===== incremental: customer =====
COPY "temp"."customer" ("customer_id", "name", "modified_at", "row_version", "balance") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');

-- ===== incremental, first run: customer =====
COPY "temp"."customer" ("customer_id", "name", "modified_at", "row_version", "balance") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');

-- ===== dateRange (date): shipment =====
COPY "temp"."shipment" ("shipment_id", "ship_date", "carrier") FROM STDIN WITH (FORMAT csv, HEADER false, DELIMITER ';', QUOTE '''', ESCAPE '''', NULL '', ENCODING 'UTF8');

-- ===== dateRange (datetime): event =====
COPY "temp"."event" ("event_id", "event_time", "recorded_at", "start", "score", "ratio", "kind", "raw") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');

-- ===== changeTracking: account =====
COPY "temp"."account" ("account_id", "account_name", "balance", "opened_on", "lf_change_operation") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');

-- ===== changeTracking, expired version: account =====
COPY "temp"."account" ("account_id", "account_name", "balance", "opened_on") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');

-- ===== multiWildCardFile: payroll =====
COPY "temp"."payroll" ("employee_id", "period", "gross") FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"', NULL '', ENCODING 'UTF8');
