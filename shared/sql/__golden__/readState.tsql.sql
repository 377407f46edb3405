-- ===== Order "Line's =====
SELECT [parameter], [value] FROM [zdm].[control_parameters] WHERE [entity] = N'Order "Line''s';

-- ===== customer =====
SELECT [parameter], [value] FROM [zdm].[control_parameters] WHERE [entity] = N'customer';

-- ===== shipment =====
SELECT [parameter], [value] FROM [zdm].[control_parameters] WHERE [entity] = N'shipment';

-- ===== event =====
SELECT [parameter], [value] FROM [zdm].[control_parameters] WHERE [entity] = N'event';

-- ===== account =====
SELECT [parameter], [value] FROM [zdm].[control_parameters] WHERE [entity] = N'account';
