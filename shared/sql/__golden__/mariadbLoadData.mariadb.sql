-- ===== full: Order "Line's =====
LOAD DATA LOCAL INFILE X'73616c65732f4f7264657220224c696e6527732f4c61746573742f2a2e6373762e677a' INTO TABLE `temp__Order "Line's` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`order_id`, `line no`, `product`, `weird "col" [x] ``y```, `amount`, `is_gift`, `source_system`, `load_batch`);

-- ===== incremental: customer =====
LOAD DATA LOCAL INFILE '/data/lake/customer/Latest/*.csv.zst' INTO TABLE `temp__customer` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`customer_id`, `name`, `modified_at`, `row_version`, `balance`);

-- ===== incremental, first run: customer =====
LOAD DATA LOCAL INFILE '/data/lake/customer/Latest/*.csv.zst' INTO TABLE `temp__customer` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`customer_id`, `name`, `modified_at`, `row_version`, `balance`);

-- ===== dateRange (date): shipment =====
LOAD DATA LOCAL INFILE 'logistics/shipment/Latest/*.csv.gz' INTO TABLE `temp__shipment` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ';' OPTIONALLY ENCLOSED BY X'27' ESCAPED BY '' LINES TERMINATED BY X'0a' (`shipment_id`, `ship_date`, `carrier`);

-- ===== dateRange (datetime): event =====
LOAD DATA LOCAL INFILE '/data/lake/event/Latest/*.parquet' INTO TABLE `temp__event` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`event_id`, `event_time`, `recorded_at`, `start`, `score`, `ratio`, `kind`, @lf_hex7) SET `raw` = UNHEX(@lf_hex7);

-- ===== changeTracking: account =====
LOAD DATA LOCAL INFILE 'account/Latest/*.csv.gz' INTO TABLE `temp__account` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`account_id`, `account_name`, `balance`, `opened_on`, `lf_change_operation`);

-- ===== changeTracking, expired version: account =====
LOAD DATA LOCAL INFILE 'account/Latest/*.csv.gz' INTO TABLE `temp__account` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`account_id`, `account_name`, `balance`, `opened_on`);

-- ===== multiWildCardFile: payroll =====
LOAD DATA LOCAL INFILE '/data/lake/payroll/Latest/*.parquet' INTO TABLE `temp__payroll` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`employee_id`, `period`, `gross`);

-- ===== customer, from a Windows folder =====
LOAD DATA LOCAL INFILE X'433a5c6c616b655c637573746f6d65725c4c61746573745c706172742d303030312e637376' INTO TABLE `temp__customer` CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY X'0a' IGNORE 1 LINES (`customer_id`, `name`, `modified_at`, `row_version`, `balance`);
