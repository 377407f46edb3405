/** Facts (seed 001): one row per fact, its definition as canonical JSON. */
export default `
CREATE TABLE fact (
  name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  warehouse TEXT NOT NULL COLLATE NOCASE,
  definition_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
