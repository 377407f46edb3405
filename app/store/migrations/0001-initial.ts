/** The first schema of a project file. Never edit an applied migration: add the next number. */
export default `
CREATE TABLE project (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL,
  description TEXT,
  batch_json TEXT NOT NULL,
  parameters_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE connection (
  name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  kind TEXT NOT NULL,
  definition_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE entity (
  name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
  warehouse TEXT NOT NULL COLLATE NOCASE,
  definition_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE extract (
  entity TEXT NOT NULL PRIMARY KEY COLLATE NOCASE
    REFERENCES entity (name) ON UPDATE CASCADE ON DELETE CASCADE,
  source_connection TEXT NOT NULL COLLATE NOCASE,
  lander_connection TEXT NOT NULL COLLATE NOCASE,
  pattern TEXT NOT NULL,
  definition_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Secrets entered in the app, encrypted by the OS keychain (Electron safeStorage).
CREATE TABLE secret (
  id TEXT NOT NULL PRIMARY KEY,
  cipher TEXT NOT NULL,
  ciphertext BLOB NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE run (
  id TEXT NOT NULL PRIMARY KEY,
  batch_date TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  options_json TEXT NOT NULL,
  error TEXT
);

CREATE TABLE run_entity (
  run_id TEXT NOT NULL REFERENCES run (id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  status TEXT NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_loaded INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  files INTEGER NOT NULL DEFAULT 0,
  started_at TEXT,
  finished_at TEXT,
  error TEXT,
  PRIMARY KEY (run_id, entity)
);
CREATE INDEX run_started ON run (started_at);
`;
