/**
 * Fact runs in the run history: a `landfall process` pass is a run whose one row in run_entity is
 * the fact (`object` 'fact'), with its statement log in run_statement like an entity's.
 */
export default `
ALTER TABLE run_entity ADD COLUMN object TEXT NOT NULL DEFAULT 'entity';
`;
