/** Per-entity data check results of a run (issue 13): JSON, one object per check, in order. */
export default `
ALTER TABLE run_entity ADD COLUMN checks_json TEXT;
`;
