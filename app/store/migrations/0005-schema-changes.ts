/** Per-entity schema changes of a run: what it migrated in persistent staging and the source drift it reported (SchemaEvolution as JSON). */
export default `
ALTER TABLE run_entity ADD COLUMN evolution_json TEXT;
`;
