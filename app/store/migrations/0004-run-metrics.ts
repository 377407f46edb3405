/** Per-entity run metrics (throughput, files, skew, watermark lag, step times), as one JSON document. */
export default `
ALTER TABLE run_entity ADD COLUMN metrics_json TEXT;
`;
