/** Per-entity run results: how the extract ran and the versions it wrote. */
export default `
ALTER TABLE run_entity ADD COLUMN mode TEXT;
ALTER TABLE run_entity ADD COLUMN inserted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE run_entity ADD COLUMN updated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE run_entity ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
`;
