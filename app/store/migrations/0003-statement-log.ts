/**
 * The statement log: every statement a run executed, per entity and step, as the preview renders
 * it; per entity the definition and inputs its plan was made with, so `landfall sql --run` can
 * render that plan again; and per run the machine and process recording it, so a run whose
 * process is gone is shown as ended.
 */
export default `
ALTER TABLE run ADD COLUMN host TEXT;
ALTER TABLE run ADD COLUMN pid INTEGER;
ALTER TABLE run_entity ADD COLUMN definition_json TEXT;
ALTER TABLE run_entity ADD COLUMN inputs_json TEXT;
CREATE TABLE run_statement (
  run_id TEXT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,
  target TEXT NOT NULL,
  dialect TEXT NOT NULL,
  sql TEXT NOT NULL,
  executed_at TEXT NOT NULL,
  PRIMARY KEY (run_id, entity, seq)
);
`;
