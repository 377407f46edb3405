-- ===== Order "Line's (hostile values) =====
INSERT INTO `temp__Order "Line's` (`order_id`, `line no`, `product`, `weird "col" [x] ``y```, `amount`, `is_gift`, `source_system`, `load_batch`) VALUES
(9007199254740993, -1, 'O''Brien''s "best"', _utf8mb4 X'273b2044524f50205441424c4520783b202d2d5c0a097461620a6e65787420c3a920f09f9880', -1234567890123456.78, TRUE, _utf8mb4 X'433a5c6c616b655c', 42),
(1, 2, NULL, '', 0.10, FALSE, NULL, NULL);

-- ===== event (typed values) =====
INSERT INTO `temp__event` (`event_id`, `event_time`, `recorded_at`, `start`, `score`, `ratio`, `kind`, `raw`) VALUES
('2f1d6a4e-8c3b-4d2a-9e1f-0a1b2c3d4e5f', TIMESTAMP '2026-06-30 23:59:59.999999', TIMESTAMP '2026-06-30 21:59:59.5', '08:30:00', -1.5e-7, 0.1, -32768, NULL);

-- ===== account (changes, with the operation flag) =====
INSERT INTO `temp__account` (`account_id`, `account_name`, `balance`, `opened_on`, `lf_change_operation`) VALUES
(7, 'Zoë', 1.50, DATE '2026-02-28', 'U');

-- ===== full: Order "Line's (compiled, one row) =====
INSERT INTO `temp__Order "Line's` (`order_id`, `line no`, `product`, `weird "col" [x] ``y```, `amount`, `is_gift`, `source_system`, `load_batch`) VALUES
(?, ?, ?, ?, ?, ?, ?, ?);

-- ===== incremental: customer (compiled, one row) =====
INSERT INTO `temp__customer` (`customer_id`, `name`, `modified_at`, `row_version`, `balance`) VALUES
(?, ?, ?, ?, ?);

-- ===== dateRange (date): shipment (compiled, one row) =====
INSERT INTO `temp__shipment` (`shipment_id`, `ship_date`, `carrier`) VALUES
(?, ?, ?);

-- ===== dateRange (datetime): event (compiled, one row) =====
INSERT INTO `temp__event` (`event_id`, `event_time`, `recorded_at`, `start`, `score`, `ratio`, `kind`, `raw`) VALUES
(?, ?, ?, ?, ?, ?, ?, ?);

-- ===== changeTracking: account (compiled, one row) =====
INSERT INTO `temp__account` (`account_id`, `account_name`, `balance`, `opened_on`, `lf_change_operation`) VALUES
(?, ?, ?, ?, ?);

-- ===== changeTracking, expired version: account (compiled, one row) =====
INSERT INTO `temp__account` (`account_id`, `account_name`, `balance`, `opened_on`) VALUES
(?, ?, ?, ?);

-- ===== multiWildCardFile: payroll (compiled, one row) =====
INSERT INTO `temp__payroll` (`employee_id`, `period`, `gross`) VALUES
(?, ?, ?);
