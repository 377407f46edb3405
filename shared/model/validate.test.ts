import { describe, it, expect } from 'vitest';
import {
  BUILTIN_PARAMETERS,
  CONNECTION_KINDS,
  DEFAULT_FILE_SIZE_MB,
  DEFAULT_PARALLEL_ENTITIES,
  EXTRACT_PATTERNS,
  formatIssue,
  parseConnection,
  parseEntity,
  parseExtract,
  parseSettings,
  validateProject,
  ValidationError,
  type ValidationIssue,
} from './index.ts';

// ---- a small valid project, and edits to it ------------------------------------------------

type Doc = Record<string, unknown>;

/**
 * A valid project that exercises every kind of object the rules look at: a SQL Server and a
 * PostgreSQL source, local folders, an adls lake, DuckDB and Synapse warehouses, and a Full,
 * an Incremental and a Multi Wild Card File extract.
 */
function baseProject(): Doc {
  return {
    format: 'landfall-project',
    version: 1,
    name: 'Test project',
    parameters: { region: 'emea' },
    connections: [
      { name: 'crm', kind: 'sqlserver', host: 'crm.example.com', database: 'crm', user: 'etl', password: '${env:CRM_PASSWORD}' },
      { name: 'shop', kind: 'postgres', host: 'shop.example.com', database: 'shop', user: 'etl' },
      { name: 'files', kind: 'localfs', path: 'incoming' },
      { name: 'lake', kind: 'localfs', path: 'lake' },
      { name: 'datalake', kind: 'adls', account: 'landfalllake', fileSystem: 'raw', credential: { kind: 'azure-default' } },
      { name: 'wh', kind: 'duckdb', path: 'warehouse.duckdb' },
      { name: 'dw', kind: 'synapse', host: 'dw.sql.azuresynapse.net', database: 'dw', authentication: 'azure-default' },
    ],
    entities: [
      {
        name: 'customer',
        columns: [
          { name: 'customer_id', type: 'int', nullable: false },
          { name: 'name', type: 'string(100)' },
          { name: 'email', type: 'string(320)' },
          { name: 'modified_at', type: 'datetime' },
          { name: 'version', type: 'bigint' },
          { name: 'birth_date', type: 'date' },
          { name: 'active', type: 'boolean' },
        ],
        businessKey: ['customer_id'],
        warehouse: 'wh',
      },
      {
        name: 'invoice',
        columns: [
          { name: 'invoice_id', type: 'bigint', nullable: false },
          { name: 'customer_id', type: 'int', nullable: false },
          { name: 'amount', type: 'decimal(18,2)' },
          { name: 'invoice_date', type: 'date', nullable: false },
          { name: 'changed_at', type: 'datetime', nullable: false },
          { name: 'row_version', type: 'bigint', nullable: false },
          { name: 'status', type: 'string(20)' },
        ],
        businessKey: ['invoice_id'],
        warehouse: 'dw',
        distribution: { kind: 'hash', column: 'invoice_id' },
      },
      {
        name: 'payroll',
        columns: [
          { name: 'employee_id', type: 'int', nullable: false },
          { name: 'pay_date', type: 'date', nullable: false },
          { name: 'amount', type: 'decimal(12,2)' },
          { name: 'source_file', type: 'string(400)' },
        ],
        businessKey: ['employee_id', 'pay_date'],
        warehouse: 'wh',
      },
    ],
    extracts: [
      {
        entity: 'customer',
        source: { kind: 'table', connection: 'crm', schema: 'dbo', table: 'customers' },
        pattern: { kind: 'full' },
        mappings: [
          { column: 'name', expression: 'full_name' },
          { column: 'email', expression: 'LOWER(email)' },
        ],
        format: { kind: 'parquet' },
        lander: { connection: 'lake' },
      },
      {
        entity: 'invoice',
        source: { kind: 'table', connection: 'shop', schema: 'public', table: 'invoices' },
        pattern: {
          kind: 'incremental',
          changeColumns: [
            { column: 'changed_at', lookback: 2, lookbackUnit: 'hours' },
            { column: 'row_version', lookback: 10 },
          ],
        },
        compression: 'gzip',
        lander: { connection: 'datalake' },
      },
      {
        entity: 'payroll',
        source: { kind: 'files', connection: 'files', pattern: 'payroll_*.csv', format: { kind: 'csv' } },
        pattern: { kind: 'multiWildCardFile' },
        mappings: [{ column: 'source_file', expression: '@file_name' }],
        lander: { connection: 'lake' },
      },
    ],
  };
}

const DELETE = Symbol('delete');

/** A copy of the base project with each `[path, value]` applied; paths look like `entities.0.columns.1.type`. */
function edit(...changes: [path: string, value: unknown][]): Doc {
  const doc = baseProject();
  for (const [path, value] of changes) {
    const parts = path.split('.');
    let target = doc as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (next === null || typeof next !== 'object') throw new Error(`test bug: ${path} does not exist in the base project`);
      target = next as Record<string, unknown>;
    }
    const last = parts.at(-1)!;
    if (value === DELETE) {
      if (!(last in target)) throw new Error(`test bug: ${path} does not exist in the base project`);
      delete target[last];
    } else target[last] = value;
  }
  return doc;
}

function issuesOf(doc: unknown): ValidationIssue[] {
  const result = validateProject(doc);
  if (result.ok) throw new Error('expected the project to be invalid, but it is valid');
  return result.issues;
}

/** The project has exactly this one issue. */
function expectOnly(doc: unknown, object: string, field: string, message: string | RegExp): void {
  expect(issuesOf(doc)).toEqual([
    { object, field, message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message) },
  ]);
}

/** The project has (at least) this issue. */
function expectSome(doc: unknown, object: string, field: string, message: string | RegExp): void {
  expect(issuesOf(doc)).toContainEqual({
    object,
    field,
    message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
  });
}

function expectValid(doc: unknown): void {
  const result = validateProject(doc);
  expect(result.ok ? [] : result.issues).toEqual([]);
}

// ---- the tests ------------------------------------------------------------------------------

describe('the base project', () => {
  it('is valid', () => {
    expectValid(baseProject());
  });

  it('gets its defaults: 4 entities in parallel, 128 MB files, zstd CSV', () => {
    const result = validateProject(baseProject());
    if (!result.ok) throw new Error('base project invalid');
    expect(result.value.batch.parallelEntities).toBe(DEFAULT_PARALLEL_ENTITIES);
    expect(DEFAULT_PARALLEL_ENTITIES).toBe(4);
    const invoice = result.value.extracts.find((x) => x.entity === 'invoice')!;
    expect(invoice.fileSizeMb).toBe(DEFAULT_FILE_SIZE_MB);
    expect(DEFAULT_FILE_SIZE_MB).toBe(128);
    expect(invoice.compression).toBe('gzip'); // set: Synapse reads no zstd
    const minimal = validateProject({ ...baseProject(), extracts: [{ ...(baseProject().extracts as Record<string, unknown>[])[1], compression: undefined }] });
    expect(minimal.ok ? undefined : minimal.issues.map((i) => i.message)).toEqual(['Synapse PolyBase reads gzip-compressed or uncompressed files, not zstd; choose gzip or none']);
    expect(invoice.format).toEqual({ kind: 'csv', delimiter: ',', qualifier: '"', header: true, nullMarker: '' });
    expect(invoice.mappings).toEqual([]);
    expect(invoice.lander).toEqual({ connection: 'datalake', folder: '', concurrency: 4 });
    expect(invoice.pattern).toMatchObject({ kind: 'incremental', comparison: '>' });
    const crm = result.value.connections.find((c) => c.name === 'crm')!;
    expect(crm).toMatchObject({ port: 1433, authentication: 'sql', encrypt: true, trustServerCertificate: false });
    const customer = result.value.entities.find((e) => e.name === 'customer')!;
    expect(customer.columns[1]!.nullable).toBe(true);
    expect(customer.persistentStaging).toEqual({ trackDeletes: true });
  });

  it('keeps explicit values instead of defaults', () => {
    const result = validateProject(edit(['batch', { parallelEntities: 9 }], ['extracts.1.fileSizeMb', 512]));
    if (!result.ok) throw new Error(result.issues.map(formatIssue).join('\n'));
    expect(result.value.batch.parallelEntities).toBe(9);
    expect(result.value.extracts[1]!.fileSizeMb).toBe(512);
  });
});

describe('formatIssue and ValidationError', () => {
  it('puts object, field and message on one line', () => {
    expect(formatIssue({ object: 'entity "customer"', field: 'columns[2].type', message: 'is wrong' })).toBe(
      'entity "customer", columns[2].type: is wrong',
    );
  });

  it('leaves out an empty field', () => {
    expect(formatIssue({ object: 'project', field: '', message: 'is not valid JSON' })).toBe('project: is not valid JSON');
  });

  it('ValidationError lists every issue under its summary and keeps them', () => {
    const issues = issuesOf(edit(['entities.0.columns.1.type', 'strin'], ['extracts.0.fileSizeMb', 0]));
    const error = new ValidationError(issues, 'the project is not valid');
    expect(error.name).toBe('ValidationError');
    expect(error.issues).toEqual(issues);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('the project is not valid:');
    expect(lines.slice(1)).toEqual(issues.map((issue) => `  - ${formatIssue(issue)}`));
    expect(lines).toHaveLength(3);
  });
});

describe('structural rules (schema.ts)', () => {
  describe('the project document', () => {
    it('must be an object', () => {
      expectOnly(null, 'project', '', 'must be object, not null');
      expectOnly([], 'project', '', 'must be object, not a list');
      expectOnly('text', 'project', '', 'must be object, not text');
    });

    it('needs the format marker and version 1', () => {
      expectOnly(edit(['format', 'something-else']), 'project', 'format', 'must be "landfall-project"');
      expectOnly(edit(['version', 2]), 'project', 'version', 'must be 1');
      // A missing literal is reported with the value it must have.
      expectOnly(edit(['format', DELETE]), 'project', 'format', 'must be "landfall-project"');
      expectOnly(edit(['version', DELETE]), 'project', 'version', 'must be 1');
    });

    it('requires a name', () => {
      expectOnly(edit(['name', DELETE]), 'project', 'name', 'is required (string)');
      expectOnly(edit(['name', '']), 'project', 'name', 'must not be empty');
    });

    it('rejects an unknown field with its spelling', () => {
      expectOnly(edit(['conections', []]), 'project', '', 'has unknown field "conections"; check the spelling');
    });

    it('says "fields" when several are unknown', () => {
      expectOnly(edit(['a', 1], ['b', 2]), 'project', '', 'has unknown fields "a", "b"');
    });

    it('checks parameter names and values', () => {
      expectOnly(edit(['parameters', { 'bad-name': 'x' }]), 'project', 'parameters.bad-name', 'parameter names are letters, digits and _');
      expectOnly(edit(['parameters', { region: 5 }]), 'project', 'parameters.region', 'must be string, not number');
    });

    it('bounds parallelEntities to 1..64 whole numbers', () => {
      expectOnly(edit(['batch', { parallelEntities: 0 }]), 'project', 'batch.parallelEntities', 'must be at least 1');
      expectOnly(edit(['batch', { parallelEntities: 65 }]), 'project', 'batch.parallelEntities', 'must be at most 64');
      expectOnly(edit(['batch', { parallelEntities: 2.5 }]), 'project', 'batch.parallelEntities', /int/);
      expectOnly(edit(['batch', { parallelEntities: 'four' }]), 'project', 'batch.parallelEntities', 'must be number, not text');
      expectValid(edit(['batch', { parallelEntities: 64 }]));
    });
  });

  describe('connections', () => {
    it('reports a missing required field as "is required", under the connection name', () => {
      expectOnly(edit(['connections.0.host', DELETE]), 'connection "crm"', 'host', 'is required (string)');
      expectOnly(edit(['connections.1.user', DELETE]), 'connection "shop"', 'user', 'is required (string)');
      expectOnly(edit(['connections.2.path', DELETE]), 'connection "files"', 'path', 'is required (string)');
      expectOnly(edit(['connections.4.credential', DELETE]), 'connection "datalake"', 'credential', 'is required (object)');
    });

    it('labels a structural error inside connections[i] with the name of that connection, not the first', () => {
      const issues = issuesOf(edit(['connections.5.path', ''], ['connections.3.unknown', true]));
      expect(issues).toEqual([
        { object: 'connection "lake"', field: '', message: expect.stringContaining('unknown field "unknown"') },
        { object: 'connection "wh"', field: 'path', message: 'must give the database file' },
      ]);
    });

    it('labels a connection without a name by its position', () => {
      expectOnly(edit(['connections.2.name', DELETE]), 'connection #3', 'name', 'is required (string)');
    });

    it('gives the field messages of the schema', () => {
      expectOnly(edit(['connections.0.host', '']), 'connection "crm"', 'host', 'must name the server');
      expectOnly(edit(['connections.0.database', '']), 'connection "crm"', 'database', 'must name the database');
      expectOnly(edit(['connections.0.port', 0]), 'connection "crm"', 'port', 'must be at least 1');
      expectOnly(edit(['connections.0.port', 65536]), 'connection "crm"', 'port', 'must be at most 65535');
      expectOnly(edit(['connections.0.authentication', 'kerberos']), 'connection "crm"', 'authentication', 'must be "sql" or "azure-default"');
      expectOnly(edit(['connections.1.user', '']), 'connection "shop"', 'user', 'must name the user');
      expectOnly(edit(['connections.3.path', '']), 'connection "lake"', 'path', 'must give the folder');
      expectOnly(edit(['connections.4.account', 'Bad_Account']), 'connection "datalake"', 'account', '3–24 lowercase letters and digits');
      expectOnly(edit(['connections.4.fileSystem', 'ab']), 'connection "datalake"', 'fileSystem', 'must name the file system (container)');
      expectOnly(edit(['connections.4.endpoint', 'not a url']), 'connection "datalake"', 'endpoint', /url/i);
      // A SAS token or a password in the URL would sit in clear text in the project file.
      expectOnly(edit(['connections.4.endpoint', 'https://acct.dfs.core.windows.net/?sv=2024-01-01&sig=abc%3D']), 'connection "datalake"', 'endpoint', 'must not carry a query string or fragment: a SAS token (?sig=…) there is kept in clear text; give it as the SAS credential');
      expectOnly(edit(['connections.4.endpoint', 'https://acct.blob.core.windows.net/#sig=abc']), 'connection "datalake"', 'endpoint', /must not carry a query string or fragment/);
      expectOnly(edit(['connections.4.endpoint', 'https://acct:key@acct.blob.core.windows.net/']), 'connection "datalake"', 'endpoint', 'must not carry a user name or password: give the account key, SAS token or connection string as the credential');
      expect(validateProject(edit(['connections.4.endpoint', 'http://127.0.0.1:10000/devstoreaccount1/'])).ok).toBe(true);
    });

    it('rejects an unknown field', () => {
      expectOnly(edit(['connections.0.pasword', '${env:X}']), 'connection "crm"', '', 'has unknown field "pasword"');
      // A field of another kind is unknown too: postgres has no "authentication".
      expectOnly(edit(['connections.1.authentication', 'sql']), 'connection "shop"', '', 'has unknown field "authentication"');
    });

    it('accepts ${env:…} and ${secret:…} references as secrets', () => {
      expectValid(edit(['connections.0.password', '${env:CRM_PASSWORD}']));
      expectValid(edit(['connections.0.password', '${secret:app_key.1-b}']));
      // The app keeps secrets under UUIDs, which may start with a digit.
      expectValid(edit(['connections.0.password', '${secret:3f1c0d2e-77a0-4b1a-9c3e-0123456789ab}']));
      expectValid(edit(['connections.4.credential', { kind: 'sas', token: '${env:LAKE_SAS}' }]));
    });

    it.each([
      ['clear text', 'hunter2'],
      ['empty name', '${env:}'],
      ['unknown source', '${vault:X}'],
      ['name starting with a digit', '${env:1X}'],
      ['text around the reference', 'x${env:X}'],
      ['missing braces', '$env:X'],
    ])('rejects a password that is not a secret reference (%s)', (_case, password) => {
      expectOnly(edit(['connections.0.password', password]), 'connection "crm"', 'password', 'must be a secret reference such as "${env:WAREHOUSE_PASSWORD}"');
      expectOnly(edit(['connections.1.password', password]), 'connection "shop"', 'password', 'secrets are never stored in clear text');
    });

    it('rejects clear-text adls credentials', () => {
      expectOnly(edit(['connections.4.credential', { kind: 'accountKey', key: 'abc123==' }]), 'connection "datalake"', 'credential.key', 'must be a secret reference');
      expectOnly(edit(['connections.4.credential', { kind: 'sas', token: 'sv=2024&sig=x' }]), 'connection "datalake"', 'credential.token', 'must be a secret reference');
      expectOnly(
        edit(['connections.4.credential', { kind: 'connectionString', value: 'DefaultEndpointsProtocol=https;AccountKey=x' }]),
        'connection "datalake"', 'credential.value', 'must be a secret reference',
      );
    });

    it('names the allowed kinds when the kind is wrong or missing', () => {
      const allowed = `kind must be one of: ${CONNECTION_KINDS.join(', ')}`;
      expect(allowed).toContain('sqlserver, azuresql, synapse, postgres, mariadb, sqlite, duckdb, adls, localfs');
      expectOnly(edit(['connections.2.kind', 'oracle']), 'connection "files"', 'kind', allowed);
      expectOnly(edit(['connections.2.kind', DELETE]), 'connection "files"', 'kind', allowed);
      expectOnly(
        edit(['connections.4.credential', { kind: 'password' }]),
        'connection "datalake"', 'credential.kind', 'credential kind must be one of: accountKey, sas, connectionString, azure-default',
      );
    });
  });

  describe('object names', () => {
    it.each([
      ['a tab', 'cus\ttomer', 'must not contain control characters'],
      ['a newline', 'customer\n', 'must not contain control characters'],
      ['DEL', 'customer\u007f', 'must not contain control characters'],
      ['a leading space', ' customer', 'must not start or end with spaces'],
      ['a trailing space', 'customer ', 'must not start or end with spaces'],
      ['nothing', '', 'must not be empty'],
      ['129 characters', 'x'.repeat(129), 'must be at most 128 characters'],
    ])('rejects an entity name with %s', (_case, name, message) => {
      const issues = issuesOf(edit(['entities.0.name', name]));
      expect(issues).toContainEqual({ object: name ? `entity "${name}"` : 'entity #1', field: 'name', message: expect.stringContaining(message) });
    });

    it('rejects bad column and connection names the same way', () => {
      expectOnly(edit(['entities.0.columns.1.name', 'na\tme']), 'entity "customer"', 'columns[1].name', 'must not contain control characters such as tabs or newlines');
      expectOnly(edit(['entities.0.columns.1.name', ' name']), 'entity "customer"', 'columns[1].name', 'must not start or end with spaces');
      expectOnly(edit(['connections.6.name', 'd\nw']), 'connection "d\nw"', 'name', 'must not contain control characters');
    });

    it('accepts quotes, unicode and inner spaces (quoting makes them safe)', () => {
      expectValid(edit(['entities.0.columns.2.name', 'Naïve "quoted" näme'], ['extracts.0.mappings.1.column', 'Naïve "quoted" näme']));
      expectValid(edit(['name', 'Ünïcødé project ✓']));
      expectValid(edit(['entities.0.columns.6.name', 'x'.repeat(128)]));
    });
  });

  describe('column types (parseColumnType messages)', () => {
    it.each([
      ['strin', '"strin" is not a column type; use one of boolean, smallint, int'],
      ['varchar(10)', '"varchar(10)" is not a column type'],
      ['int(4)', 'type int takes no length or precision; write "int"'],
      ['decimal', 'decimal needs precision and scale, e.g. "decimal(18,2)"'],
      ['decimal(10)', 'decimal needs precision and scale'],
      ['decimal(0,0)', 'decimal precision must be between 1 and 38, not 0'],
      ['decimal(39,2)', 'decimal precision must be between 1 and 38, not 39'],
      ['decimal(5,6)', 'decimal scale 6 cannot exceed precision 5'],
      ['string(0)', 'string length must be between 1 and 1000000, not 0'],
      ['binary(1000001)', 'binary length must be between 1 and 1000000, not 1000001'],
      ['string(10,2)', 'string takes one length, e.g. "string(100)"'],
      ['', '"" is not a column type'],
    ])('rejects %j', (type, message) => {
      expectOnly(edit(['entities.0.columns.1.type', type]), 'entity "customer"', 'columns[1].type', message);
    });

    it.each(['decimal(38,0)', 'DECIMAL( 1 , 1 )', 'string', 'string(1000000)', 'binary(16)', 'uuid', 'time', 'datetimeoffset', 'float', 'double', 'smallint'])(
      'accepts %j',
      (type) => expectValid(edit(['entities.0.columns.1.type', type])),
    );

    it('requires a type', () => {
      expectOnly(edit(['entities.0.columns.1.type', DELETE]), 'entity "customer"', 'columns[1].type', 'is required (string)');
    });
  });

  describe('entities', () => {
    it('reports missing required fields', () => {
      expectOnly(edit(['entities.0.warehouse', DELETE]), 'entity "customer"', 'warehouse', 'is required (string)');
      expectOnly(edit(['entities.0.columns', DELETE]), 'entity "customer"', 'columns', 'is required (array)');
      expectOnly(edit(['entities.0.businessKey', DELETE]), 'entity "customer"', 'businessKey', 'is required (array)');
      expectOnly(edit(['entities.0.columns.0.name', DELETE]), 'entity "customer"', 'columns[0].name', 'is required');
    });

    it('needs a column, a business key and a warehouse name', () => {
      expectSome(edit(['entities.0.columns', []]), 'entity "customer"', 'columns', 'an entity needs at least one column');
      expectOnly(edit(['entities.0.businessKey', []]), 'entity "customer"', 'businessKey', 'name at least one column that identifies a row');
      expectOnly(edit(['entities.0.warehouse', '']), 'entity "customer"', 'warehouse', 'must name the warehouse connection');
    });

    it('rejects an unknown field, also inside a column', () => {
      expectOnly(edit(['entities.0.colums', []]), 'entity "customer"', '', 'has unknown field "colums"; check the spelling');
      expectOnly(edit(['entities.0.columns.2.nulable', false]), 'entity "customer"', 'columns[2]', 'has unknown field "nulable"');
    });

    it('names the allowed distribution kinds', () => {
      expectOnly(edit(['entities.1.distribution', { kind: 'even' }]), 'entity "invoice"', 'distribution.kind', 'distribution kind must be one of: hash, roundRobin, replicate');
    });

    it('labels an entity without a name by its position', () => {
      expectSome(edit(['entities.1.name', DELETE]), 'entity #2', 'name', 'is required (string)');
    });
  });

  describe('extracts', () => {
    it('reports missing required fields under the entity it extracts', () => {
      expectOnly(edit(['extracts.0.lander', DELETE]), 'extract of entity "customer"', 'lander', 'is required (object)');
      expectOnly(edit(['extracts.0.source.table', DELETE]), 'extract of entity "customer"', 'source.table', 'is required (string)');
      expectOnly(edit(['extracts.0.pattern', DELETE]), 'extract of entity "customer"', 'pattern', 'is required (object)');
      expectOnly(edit(['extracts.2.source.pattern', DELETE]), 'extract of entity "payroll"', 'source.pattern', 'is required (string)');
      expectSome(edit(['extracts.1.entity', DELETE]), 'extract #2', 'entity', 'is required (string)');
    });

    it('gives the field messages of the schema', () => {
      expectOnly(edit(['extracts.0.lander.connection', '']), 'extract of entity "customer"', 'lander.connection', 'must name the lander connection');
      expectOnly(edit(['extracts.0.source.connection', '']), 'extract of entity "customer"', 'source.connection', 'must name the source connection');
      expectOnly(edit(['extracts.0.source', { kind: 'query', connection: 'crm', sql: '   ' }]), 'extract of entity "customer"', 'source.sql', 'must not be empty');
      expectOnly(edit(['extracts.0.mappings.0.expression', '']), 'extract of entity "customer"', 'mappings[0].expression', 'must not be empty');
      expectOnly(edit(['extracts.2.source.pattern', '']), 'extract of entity "payroll"', 'source.pattern', 'must give a wild card pattern such as "payroll_*.csv"');
      expectOnly(edit(['extracts.1.format', { kind: 'csv', delimiter: ';;' }]), 'extract of entity "invoice"', 'format.delimiter', 'must be one character');
      expectOnly(edit(['extracts.2.source.parallelFiles', 65]), 'extract of entity "payroll"', 'source.parallelFiles', 'must be at most 64');
      expectOnly(edit(['extracts.0.lander.concurrency', 0]), 'extract of entity "customer"', 'lander.concurrency', 'must be at least 1');
      expectOnly(edit(['extracts.0.compression', 'lz4']), 'extract of entity "customer"', 'compression', 'must be "none" or "gzip" or "zstd"');
      expectOnly(edit(['extracts.0.format', { kind: 'parquet', zstdLevel: 9 }]), 'extract of entity "customer"', 'format.zstdLevel',
        'cannot be set: the Parquet encoder (parquet-wasm 0.8) has no way to choose a ZSTD level and always writes its own fixed level; remove "zstdLevel"');
    });

    it('rejects an unknown field in a nested object', () => {
      expectOnly(edit(['extracts.0.lander.foler', 'x']), 'extract of entity "customer"', 'lander', 'has unknown field "foler"');
      expectOnly(edit(['extracts.0.pattern.days', 3]), 'extract of entity "customer"', 'pattern', 'has unknown field "days"');
    });

    it('names the allowed kinds of source, pattern and format', () => {
      expectOnly(edit(['extracts.0.source.kind', 'view']), 'extract of entity "customer"', 'source.kind', 'source kind must be one of: table, query, files');
      expectOnly(
        edit(['extracts.0.pattern', { kind: 'snapshot' }]),
        'extract of entity "customer"', 'pattern.kind', `pattern kind must be one of: ${EXTRACT_PATTERNS.join(', ')}`,
      );
      expectOnly(edit(['extracts.0.format', { kind: 'avro' }]), 'extract of entity "customer"', 'format.kind', 'format kind must be one of: csv, parquet');
      expectOnly(edit(['extracts.2.source.format', { kind: 'xml' }]), 'extract of entity "payroll"', 'source.format.kind', 'file format kind must be one of: csv, parquet');
    });

    it('bounds fileSizeMb to 0.0625..4096 MB, fractions allowed, default 128', () => {
      expectOnly(edit(['extracts.0.fileSizeMb', 0]), 'extract of entity "customer"', 'fileSizeMb', 'must be at least 0.0625 MB (64 KiB); fractions such as 0.25 are fine');
      expectOnly(edit(['extracts.0.fileSizeMb', 0.05]), 'extract of entity "customer"', 'fileSizeMb', 'must be at least 0.0625 MB (64 KiB); fractions such as 0.25 are fine');
      expectOnly(edit(['extracts.0.fileSizeMb', 4097]), 'extract of entity "customer"', 'fileSizeMb', 'must be at most 4096 MB');
      expectValid(edit(['extracts.0.fileSizeMb', 0.25]));
      expectValid(edit(['extracts.0.fileSizeMb', 1.5]));
      expectOnly(edit(['extracts.0.fileSizeMb', '128']), 'extract of entity "customer"', 'fileSizeMb', 'must be number, not text');
      expectValid(edit(['extracts.0.fileSizeMb', 1]));
      expectValid(edit(['extracts.0.fileSizeMb', 4096]));
    });

    it('bounds the date range to whole days 0..36500', () => {
      const dateRange = (days: unknown): Doc => edit(['extracts.1.pattern', { kind: 'dateRange', column: 'invoice_date', days }]);
      expectValid(dateRange(0));
      expectValid(dateRange(36500));
      expectOnly(dateRange(-1), 'extract of entity "invoice"', 'pattern.days', 'must be at least 0');
      expectOnly(dateRange(36501), 'extract of entity "invoice"', 'pattern.days', 'must be at most 36500');
      expectOnly(dateRange(1.5), 'extract of entity "invoice"', 'pattern.days', 'must be a whole number of days');
    });

    it('needs a change column in an incremental pattern, with a positive lookback', () => {
      expectOnly(edit(['extracts.1.pattern.changeColumns', []]), 'extract of entity "invoice"', 'pattern.changeColumns', 'name at least one change identifier column');
      expectOnly(edit(['extracts.1.pattern.changeColumns.0.lookback', 0]), 'extract of entity "invoice"', 'pattern.changeColumns[0].lookback', 'must be more than 0');
      expectOnly(edit(['extracts.1.pattern.changeColumns.0.lookbackUnit', 'weeks']), 'extract of entity "invoice"', 'pattern.changeColumns[0].lookbackUnit', '"seconds" or "minutes" or "hours" or "days"');
      expectOnly(edit(['extracts.1.pattern.comparison', '<']), 'extract of entity "invoice"', 'pattern.comparison', 'must be ">" or ">="');
    });
  });

  describe('single objects (parseConnection, parseEntity, parseExtract, parseSettings)', () => {
    it('label issues with the object name', () => {
      const connection = parseConnection({ name: 'src', kind: 'mariadb', host: 'h', database: 'd' });
      expect(connection).toEqual({ ok: false, issues: [{ object: 'connection "src"', field: 'user', message: 'is required (string)' }] });
      const entity = parseEntity({ name: 'e', columns: [{ name: 'a', type: 'int(2)' }], businessKey: ['a'], warehouse: 'w' });
      expect(entity).toEqual({ ok: false, issues: [{ object: 'entity "e"', field: 'columns[0].type', message: 'type int takes no length or precision; write "int"' }] });
      const extract = parseExtract({ entity: 'e', source: { kind: 'table', connection: 'c', table: 't' }, pattern: { kind: 'full' }, lander: { connection: 'l' }, fileSizeMb: 0 });
      expect(extract).toEqual({ ok: false, issues: [{ object: 'extract of entity "e"', field: 'fileSizeMb', message: 'must be at least 0.0625 MB (64 KiB); fractions such as 0.25 are fine' }] });
      expect(parseSettings({ name: 'p', batch: { parallelEntities: 0 } })).toEqual({
        ok: false, issues: [{ object: 'project', field: 'batch.parallelEntities', message: 'must be at least 1' }],
      });
    });

    it('label a nameless object by its kind', () => {
      expect(parseConnection({ kind: 'localfs', path: 'x' })).toEqual({ ok: false, issues: [{ object: 'connection', field: 'name', message: 'is required (string)' }] });
    });

    it('apply defaults to a valid object', () => {
      const result = parseExtract({ entity: 'e', source: { kind: 'table', connection: 'c', table: 't' }, pattern: { kind: 'full' }, lander: { connection: 'l' } });
      expect(result.ok && result.value.fileSizeMb).toBe(128);
      expect(parseSettings({ name: 'p' })).toEqual({ ok: true, value: { name: 'p', batch: { parallelEntities: 4 }, parameters: {} } });
    });
  });
});

describe('rules across objects (validate.ts)', () => {
  describe('names', () => {
    it('refuses two connections whose names differ only in case', () => {
      const connections = (baseProject().connections as Doc[]).concat({ name: 'WH', kind: 'duckdb', path: 'other.duckdb' });
      expectOnly(edit(['connections', connections]), 'connection "WH"', 'name', 'is used by another connection; names must be unique (ignoring case)');
    });

    it('refuses two entities whose names differ only in case', () => {
      const entities = baseProject().entities as Doc[];
      expectOnly(edit(['entities', [...entities, { ...entities[2], name: 'PAYROLL' }]]), 'entity "PAYROLL"', 'name', 'is used by another entity; names must be unique (ignoring case)');
    });

    it('refuses two columns whose names differ only in case, naming the second', () => {
      const columns = ((baseProject().entities as Doc[])[0]!.columns as Doc[]).concat({ name: 'Email', type: 'string(10)' });
      expectOnly(edit(['entities.0.columns', columns]), 'entity "customer"', 'columns[7].name', 'column "Email" appears twice; column names must be unique (ignoring case)');
    });
  });

  describe('entities', () => {
    it('needs business key columns that exist', () => {
      expectOnly(edit(['entities.0.businessKey', ['customer_id', 'nope']]), 'entity "customer"', 'businessKey[1]', '"nope" is not a column of this entity');
    });

    it('needs business key columns that are not nullable', () => {
      expectOnly(edit(['entities.0.businessKey', ['customer_id', 'email']]), 'entity "customer"', 'businessKey[1]', 'key column "email" must not be nullable; set nullable to false');
    });

    it('matches business key columns ignoring case', () => {
      expectValid(edit(['entities.0.businessKey', ['CUSTOMER_ID']]));
    });

    it('refuses a business key column listed twice', () => {
      expectOnly(edit(['entities.2.businessKey', ['employee_id', 'pay_date', 'Employee_ID']]), 'entity "payroll"', 'businessKey', '"Employee_ID" is listed twice');
    });

    it('needs a warehouse connection that exists', () => {
      expectOnly(edit(['entities.0.warehouse', 'nowhere']), 'entity "customer"', 'warehouse', 'no connection is named "nowhere"');
    });

    it('needs a warehouse of a kind that can hold staging', () => {
      expectOnly(
        edit(['entities.0.warehouse', 'lake']),
        'entity "customer"', 'warehouse',
        'connection "lake" is localfs, which cannot be a warehouse; use one of sqlserver, azuresql, synapse, postgres, mariadb, duckdb, sqlite',
      );
      expectSome(edit(['entities.0.warehouse', 'datalake']), 'entity "customer"', 'warehouse', 'is adls, which cannot be a warehouse');
    });

    it('matches the warehouse name ignoring case', () => {
      expectValid(edit(['entities.0.warehouse', 'WH']));
    });

    it('allows a distribution only on a Synapse warehouse', () => {
      expectOnly(edit(['entities.0.distribution', { kind: 'roundRobin' }]), 'entity "customer"', 'distribution', 'only a Synapse warehouse distributes tables; remove it for duckdb');
      expectValid(edit(['entities.1.distribution', { kind: 'replicate' }]));
      expectValid(edit(['entities.1.distribution', { kind: 'roundRobin' }]));
      expectValid(edit(['entities.1.distribution', DELETE]));
    });

    it('needs the hash distribution column to be a column', () => {
      expectOnly(edit(['entities.1.distribution', { kind: 'hash', column: 'invoice_no' }]), 'entity "invoice"', 'distribution.column', '"invoice_no" is not a column of this entity');
      expectValid(edit(['entities.1.distribution', { kind: 'hash', column: 'CUSTOMER_ID' }]));
    });
  });

  describe('extracts and their entity', () => {
    it('needs an entity for every extract', () => {
      const extracts = baseProject().extracts as Doc[];
      expectOnly(edit(['extracts', [...extracts, { ...extracts[0], entity: 'ghost' }]]), 'extract of entity "ghost"', 'entity', 'no staging entity is named "ghost"');
    });

    it('allows one extract per entity (ignoring case)', () => {
      const extracts = baseProject().extracts as Doc[];
      expectOnly(
        edit(['extracts', [...extracts, { ...extracts[0], entity: 'Customer' }]]),
        'extract of entity "Customer"', 'entity', 'this entity already has an extract; an entity has one extract',
      );
    });

    it('allows an entity without an extract', () => {
      expectValid(edit(['extracts', (baseProject().extracts as Doc[]).slice(1)]));
    });
  });

  describe('the source connection', () => {
    it('must exist', () => {
      expectOnly(edit(['extracts.0.source.connection', 'nope']), 'extract of entity "customer"', 'source.connection', 'no connection is named "nope"');
    });

    it('must be a database for a table or a query', () => {
      expectOnly(edit(['extracts.0.source.connection', 'lake']), 'extract of entity "customer"', 'source.connection', 'a table is read from a database connection, not localfs "lake"');
      expectOnly(
        edit(['extracts.0.source', { kind: 'query', connection: 'datalake', sql: 'SELECT 1' }]),
        'extract of entity "customer"', 'source.connection', 'a query is read from a database connection, not adls "datalake"',
      );
    });

    it('must be localfs or adls for files', () => {
      expectOnly(edit(['extracts.2.source.connection', 'shop']), 'extract of entity "payroll"', 'source.connection', 'files are read from localfs or adls connections, not postgres "shop"');
      expectValid(edit(['extracts.2.source.connection', 'datalake']));
    });

    it('matches the connection name ignoring case', () => {
      expectValid(edit(['extracts.0.source.connection', 'CRM']));
    });
  });

  describe('patterns', () => {
    it('uses Multi Wild Card File only with a files source', () => {
      expectOnly(edit(['extracts.0.pattern', { kind: 'multiWildCardFile' }]), 'extract of entity "customer"', 'pattern.kind', 'the Multi Wild Card File pattern needs a files source');
    });

    it('uses only Multi Wild Card File with a files source', () => {
      expectOnly(edit(['extracts.2.pattern', { kind: 'full' }]), 'extract of entity "payroll"', 'pattern.kind', 'a files source uses the multiWildCardFile pattern, not full');
    });

    it('uses Change Tracking only on SQL Server and Azure SQL', () => {
      expectOnly(
        edit(['extracts.1.pattern', { kind: 'changeTracking' }]),
        'extract of entity "invoice"', 'pattern.kind', 'Change Tracking is a SQL Server feature; source "shop" is postgres. Use incremental or full',
      );
      expectValid(edit(['extracts.0.pattern', { kind: 'changeTracking' }]));
      expectValid(edit(['connections.0.kind', 'azuresql'], ['extracts.0.pattern', { kind: 'changeTracking' }]));
    });

    it('uses Change Tracking only on a table, not a query', () => {
      expectOnly(
        edit(['extracts.0.source', { kind: 'query', connection: 'crm', sql: 'SELECT * FROM dbo.customers' }], ['extracts.0.pattern', { kind: 'changeTracking' }]),
        'extract of entity "customer"', 'pattern.kind', 'Change Tracking reads a table (not a view or query): set the source to the tracked table',
      );
    });

    describe('parallel reads', () => {
      it('reads a PostgreSQL table in ranges of its integer key, or of a named integer column', () => {
        expectValid(edit(['extracts.1.parallelReads', 4]));
        expectValid(edit(['extracts.1.parallelReads', 4], ['extracts.1.partitionColumn', 'row_version']));
        // A query returns its staging columns: any integer one splits it.
        expectValid(edit(['extracts.1.parallelReads', 2], ['extracts.1.source', { kind: 'query', connection: 'shop', sql: 'SELECT * FROM invoices' }]));
      });

      it('refuses sources that cannot share one snapshot, saying why', () => {
        expectOnly(edit(['extracts.0.parallelReads', 2]), 'extract of entity "customer"', 'parallelReads',
          'SQL Server cannot give several connections one snapshot, so readers of ranges would each see a moment of their own and rows written meanwhile could be read twice or missed (a missed row would be marked deleted in persistent staging); set parallelReads to 1 for sqlserver source "crm"');
        expectOnly(edit(['connections.0.kind', 'mariadb'], ['connections.0.password', DELETE], ['extracts.0.parallelReads', 2]), 'extract of entity "customer"', 'parallelReads', /^MariaDB cannot give several connections one snapshot/);
        expectOnly(edit(['connections.1.kind', 'duckdb'], ['connections.1.path', 'shop.duckdb'], ['connections.1.host', DELETE], ['connections.1.database', DELETE], ['connections.1.user', DELETE], ['extracts.1.parallelReads', 2]),
          'extract of entity "invoice"', 'parallelReads', /^DuckDB is read inside the engine's own process/);
      });

      it('refuses files and Change Tracking', () => {
        expectOnly(edit(['extracts.2.parallelReads', 2]), 'extract of entity "payroll"', 'parallelReads', 'a files source reads several files at once with source.parallelFiles');
        expectOnly(edit(['extracts.0.pattern', { kind: 'changeTracking' }], ['extracts.0.parallelReads', 2]), 'extract of entity "customer"', 'parallelReads', 'a Change Tracking extract reads one change set from CHANGETABLE and cannot be split into ranges');
      });

      it('needs a partition column that is an integer column, for a query without an integer key', () => {
        expectOnly(edit(['extracts.1.parallelReads', 2], ['extracts.1.partitionColumn', 'status']), 'extract of entity "invoice"', 'partitionColumn', '"status" is string; the readers split ranges of an integer column (smallint, int or bigint)');
        expectOnly(edit(['extracts.1.parallelReads', 2], ['extracts.1.partitionColumn', 'nope']), 'extract of entity "invoice"', 'partitionColumn', '"nope" is not a column of entity "invoice"');
        expectOnly(edit(['extracts.1.partitionColumn', 'row_version']), 'extract of entity "invoice"', 'partitionColumn', 'a partition column splits parallel reads: set parallelReads above 1, or remove it');
        expectOnly(edit(['entities.1.businessKey', ['invoice_id', 'customer_id']], ['extracts.1.parallelReads', 2], ['extracts.1.source', { kind: 'query', connection: 'shop', sql: 'SELECT * FROM invoices' }]),
          'extract of entity "invoice"', 'partitionColumn', 'a query source read by 2 connections needs a partitionColumn: an integer column the query returns');
        // A table without one reads ranges of its pages.
        expectValid(edit(['entities.1.businessKey', ['invoice_id', 'customer_id']], ['extracts.1.parallelReads', 2]));
      });

      it('keeps the number of readers sensible', () => {
        expectOnly(edit(['extracts.1.parallelReads', 17]), 'extract of entity "invoice"', 'parallelReads', 'must be at most 16 connections');
        expectOnly(edit(['extracts.1.parallelReads', 0]), 'extract of entity "invoice"', 'parallelReads', 'must be at least 1 (one connection reads everything)');
        expectOnly(edit(['extracts.1.parallelReads', 2.5]), 'extract of entity "invoice"', 'parallelReads', 'must be a whole number of connections');
      });
    });

    describe('incremental', () => {
      const change = (index: number, value: unknown): [string, unknown] => [`extracts.1.pattern.changeColumns.${index}`, value];

      it('needs change columns that are columns of the entity', () => {
        expectOnly(
          edit(change(0, { column: 'nope' })),
          'extract of entity "invoice"', 'pattern.changeColumns[0].column',
          '"nope" is not a column of entity "invoice"; map the change expression to a staging column and name that column',
        );
      });

      it('needs change columns that are dates or numbers', () => {
        expectOnly(
          edit(change(0, { column: 'status' })),
          'extract of entity "invoice"', 'pattern.changeColumns[0].column',
          '"status" is string; a change identifier must be a date, datetime or number column',
        );
      });

      it('accepts date, datetime and number change columns', () => {
        expectValid(edit(change(0, { column: 'invoice_date', lookback: 3, lookbackUnit: 'days' })));
        expectValid(edit(change(0, { column: 'amount' })));
        expectValid(edit(change(0, { column: 'CHANGED_AT', lookback: 30, lookbackUnit: 'seconds' })));
      });

      it('needs a unit for the lookback of a date or datetime column', () => {
        expectOnly(
          edit(change(0, { column: 'changed_at', lookback: 2 })),
          'extract of entity "invoice"', 'pattern.changeColumns[0].lookbackUnit',
          '"changed_at" is a datetime column: give the lookback unit (seconds, minutes, hours or days)',
        );
      });

      it('refuses a unit on the lookback of a number column', () => {
        expectOnly(
          edit(change(1, { column: 'row_version', lookback: 10, lookbackUnit: 'days' })),
          'extract of entity "invoice"', 'pattern.changeColumns[1].lookbackUnit',
          '"row_version" is a number column: its lookback is a plain number, remove the unit',
        );
      });

      it('counts the lookback of a date column in days', () => {
        expectOnly(
          edit(change(0, { column: 'invoice_date', lookback: 12, lookbackUnit: 'hours' })),
          'extract of entity "invoice"', 'pattern.changeColumns[0].lookbackUnit',
          '"invoice_date" is a date column: its lookback is counted in days',
        );
      });

      it('refuses a unit without an amount', () => {
        expectOnly(
          edit(change(0, { column: 'changed_at', lookbackUnit: 'hours' })),
          'extract of entity "invoice"', 'pattern.changeColumns[0].lookback',
          'a lookback unit was given without a lookback amount',
        );
      });

      it('refuses a change column listed twice (ignoring case)', () => {
        expectOnly(
          edit(change(1, { column: 'CHANGED_AT', lookback: 1, lookbackUnit: 'hours' })),
          'extract of entity "invoice"', 'pattern.changeColumns', '"CHANGED_AT" is listed twice',
        );
      });
    });

    describe('date range', () => {
      const dateRange = (column: string): [string, unknown] => ['extracts.1.pattern', { kind: 'dateRange', column, days: 30 }];

      it('needs the column to be a column of the entity', () => {
        expectOnly(edit(dateRange('nope')), 'extract of entity "invoice"', 'pattern.column', '"nope" is not a column of entity "invoice"');
      });

      it('needs a date or datetime column', () => {
        expectOnly(
          edit(dateRange('row_version')),
          'extract of entity "invoice"', 'pattern.column',
          '"row_version" is bigint; the date range column must be a date or datetime column',
        );
      });

      it('accepts a date or datetime column', () => {
        expectValid(edit(dateRange('invoice_date')));
        expectValid(edit(dateRange('Changed_At')));
      });
    });
  });

  describe('mappings', () => {
    it('map to columns of the entity', () => {
      expectOnly(edit(['extracts.0.mappings.1.column', 'e_mail']), 'extract of entity "customer"', 'mappings[1].column', '"e_mail" is not a column of entity "customer"');
    });

    it('use only known @parameters', () => {
      expectOnly(
        edit(['extracts.0.mappings.1.expression', '@tenant']),
        'extract of entity "customer"', 'mappings[1].expression',
        `@tenant is not a parameter; use one of ${[...BUILTIN_PARAMETERS, 'region'].map((p) => `@${p}`).join(', ')} or add it to the project parameters`,
      );
    });

    it('may use built-in and project parameters', () => {
      expectValid(edit(['extracts.0.mappings.1.expression', '@region']));
      expectValid(edit(['extracts.0.mappings.1.expression', ' @batch_date ']));
      expectValid(edit(['extracts.0.mappings.1.expression', '@run_id']));
      expectValid(edit(['parameters', { tenant: 'acme' }], ['extracts.0.mappings.1.expression', '@tenant']));
    });

    it('use @file_name only with a files source', () => {
      expectOnly(edit(['extracts.0.mappings.1.expression', '@file_name']), 'extract of entity "customer"', 'mappings[1].expression', '@file_name exists only for a files source');
    });

    it('map a column once (ignoring case)', () => {
      expectOnly(edit(['extracts.0.mappings.1', { column: 'NAME', expression: 'last_name' }]), 'extract of entity "customer"', 'mappings', 'column "NAME" is mapped twice');
    });
  });

  describe('the lander', () => {
    it('must exist', () => {
      expectOnly(edit(['extracts.0.lander.connection', 'nope']), 'extract of entity "customer"', 'lander.connection', 'no connection is named "nope"');
    });

    it('must be a kind that can land files', () => {
      expectOnly(
        edit(['extracts.0.lander.connection', 'shop']),
        'extract of entity "customer"', 'lander.connection',
        'connection "shop" is postgres, which cannot land files; use one of localfs, adls, sqlserver, azuresql',
      );
    });

    it('feeds a Synapse warehouse only from adls', () => {
      expectOnly(edit(['extracts.1.lander.connection', 'lake']), 'extract of entity "invoice"', 'lander.connection', 'a Synapse warehouse loads from the data lake: use an adls lander');
    });

    it('feeds a DuckDB (or PostgreSQL…) warehouse only from a local folder', () => {
      expectOnly(
        edit(['extracts.0.lander.connection', 'datalake']),
        'extract of entity "customer"', 'lander.connection', 'a duckdb warehouse loads landed files from a local folder: use a localfs lander',
      );
      expectOnly(
        edit(['extracts.0.lander.connection', 'crm']),
        'extract of entity "customer"', 'lander.connection', 'a duckdb warehouse loads landed files from a local folder: use a localfs lander',
      );
    });

    it('feeds a SQL Server warehouse only by bulk copy into itself (its stage reads no lake, as the engine says)', () => {
      expectOnly(
        edit(['entities.0.warehouse', 'crm']),
        'extract of entity "customer"', 'lander.connection',
        'a sqlserver warehouse stages by the bulk copy of its own lander; files landed in "lake" are not read by it: set the extract\'s lander to the warehouse connection "crm"',
      );
      expectValid(edit(['entities.0.warehouse', 'crm'], ['extracts.0.lander.connection', 'crm']));
      expectOnly(
        edit(['entities.0.warehouse', 'crm'], ['extracts.0.lander.connection', 'datalake']),
        'extract of entity "customer"', 'lander.connection',
        'a sqlserver warehouse stages by the bulk copy of its own lander; files landed in "datalake" are not read by it: set the extract\'s lander to the warehouse connection "crm"',
      );
    });

    it('reports every problem of a project at once', () => {
      const issues = issuesOf(edit(
        ['entities.0.warehouse', 'nowhere'],
        ['extracts.0.lander.connection', 'nope'],
        ['extracts.1.pattern.changeColumns.0.column', 'status'],
      ));
      expect(issues.map((issue) => `${issue.object} ${issue.field}`)).toEqual([
        'entity "customer" warehouse',
        'extract of entity "customer" lander.connection',
        'extract of entity "invoice" pattern.changeColumns[0].column',
      ]);
    });
  });
});

describe('rules the generated SQL relies on', () => {
  const base = (): Record<string, unknown> => ({
    format: 'landfall-project',
    version: 1,
    name: 'p',
    connections: [
      { name: 'src', kind: 'sqlserver', host: 'h', database: 'd' },
      { name: 'syn', kind: 'synapse', host: 'h', database: 'd' },
      { name: 'lake', kind: 'adls', account: 'acct1', fileSystem: 'lake', credential: { kind: 'azure-default' } },
      { name: 'pgw', kind: 'postgres', host: 'h', database: 'd', user: 'u' },
      { name: 'mdw', kind: 'mariadb', host: 'h', database: 'd', user: 'u' },
      { name: 'folder', kind: 'localfs', path: 'lake' },
    ],
    entities: [
      {
        name: 'e',
        columns: [{ name: 'id', type: 'int', nullable: false }, { name: 'v', type: 'string' }],
        businessKey: ['id'],
        warehouse: 'syn',
      },
    ],
    extracts: [
      {
        entity: 'e',
        source: { kind: 'table', connection: 'src', table: 't' },
        pattern: { kind: 'changeTracking' },
        format: { kind: 'csv' },
        compression: 'gzip',
        lander: { connection: 'lake' },
      },
    ],
  });
  const issuesOf = (doc: Record<string, unknown>): string[] => {
    const result = validateProject(doc);
    return result.ok ? [] : result.issues.map(formatIssue);
  };
  const edit = (change: (doc: any) => void): Record<string, unknown> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const doc = base();
    change(doc);
    return doc;
  };

  it('accepts the base project', () => {
    expect(issuesOf(base())).toEqual([]);
  });
  it('keeps lf_ column names for Landfall', () => {
    expect(issuesOf(edit((d) => d.entities[0].columns.push({ name: 'LF_row_hash', type: 'string' })))).toEqual([
      expect.stringMatching(/^entity "e", columns\[2\]\.name: "LF_row_hash" starts with lf_/),
    ]);
  });
  it('needs Change Tracking keys mapped straight to columns', () => {
    expect(issuesOf(edit((d) => (d.extracts[0].mappings = [{ column: 'id', expression: 'id + 1' }])))).toEqual([
      expect.stringMatching(/^extract of entity "e", mappings\[0\]\.expression: business key column "id" must map straight/),
    ]);
    expect(issuesOf(edit((d) => (d.extracts[0].mappings = [{ column: 'id', expression: 'order_id' }])))).toEqual([]);
  });
  it('needs the empty NULL marker in CSV files for a Synapse warehouse: PolyBase knows no other', () => {
    expect(issuesOf(edit((d) => (d.extracts[0].format = { kind: 'csv', nullMarker: 'NULL' })))).toEqual([
      'extract of entity "e", format.nullMarker: Synapse PolyBase reads only an empty field as NULL (USE_TYPE_DEFAULT = FALSE); set the NULL marker to ""',
    ]);
    expect(issuesOf(edit((d) => (d.extracts[0].format = { kind: 'parquet', compression: 'snappy' })))).toEqual([]);
  });
  it('refuses zstd for a Synapse warehouse', () => {
    expect(issuesOf(edit((d) => (d.extracts[0].compression = 'zstd')))).toEqual([
      expect.stringMatching(/^extract of entity "e", compression: Synapse PolyBase reads gzip/),
    ]);
  });
  it('refuses ZSTD Parquet (the default codec) for a Synapse warehouse, naming the setting to choose; reads Snappy, Gzip and uncompressed Parquet', () => {
    const refusal = 'extract of entity "e", format.compression: Synapse PolyBase reads Parquet files compressed with Snappy or Gzip (or uncompressed), not ZSTD; set the Parquet compression to snappy (or gzip, or none)';
    expect(issuesOf(edit((d) => (d.extracts[0].format = { kind: 'parquet' })))).toEqual([refusal]);
    expect(issuesOf(edit((d) => (d.extracts[0].format = { kind: 'parquet', compression: 'zstd' })))).toEqual([refusal]);
    for (const compression of ['snappy', 'gzip', 'none']) {
      expect(issuesOf(edit((d) => (d.extracts[0].format = { kind: 'parquet', compression })))).toEqual([]);
    }
    // The CSV files' compression says nothing of a Parquet file's pages: zstd there is no issue.
    expect(issuesOf(edit((d) => {
      d.extracts[0].format = { kind: 'parquet', compression: 'snappy' };
      d.extracts[0].compression = 'zstd';
    }))).toEqual([]);
  });
  it('takes any Parquet codec for other warehouses, and no other', () => {
    const toDuck = (format: unknown) => edit((d) => {
      d.connections.push({ name: 'duck', kind: 'duckdb', path: 'w.duckdb' });
      d.entities[0].warehouse = 'duck';
      d.extracts[0].pattern = { kind: 'full' };
      d.extracts[0].lander = { connection: 'folder' };
      d.extracts[0].format = format;
    });
    expect(issuesOf(toDuck({ kind: 'parquet', compression: 'zstd' }))).toEqual([]);
    expect(issuesOf(toDuck({ kind: 'parquet', compression: 'lz4' }))).toEqual([
      expect.stringMatching(/^extract of entity "e", format\.compression: .*zstd.*snappy.*gzip.*none/),
    ]);
  });
  it('needs CSV for PostgreSQL and MariaDB warehouses, and NULL as the MariaDB null marker', () => {
    const toWarehouse = (kind: 'pgw' | 'mdw', format: unknown) =>
      edit((d) => {
        d.entities[0].warehouse = kind;
        d.extracts[0].pattern = { kind: 'full' };
        d.extracts[0].lander = { connection: 'folder' };
        d.extracts[0].format = format;
      });
    expect(issuesOf(toWarehouse('pgw', { kind: 'parquet' }))).toEqual([expect.stringMatching(/format\.kind: a postgres warehouse bulk-loads CSV files \(COPY\)/)]);
    expect(issuesOf(toWarehouse('pgw', { kind: 'csv' }))).toEqual([]);
    expect(issuesOf(toWarehouse('mdw', { kind: 'csv' }))).toEqual([expect.stringMatching(/format\.nullMarker: MariaDB's LOAD DATA reads NULL only as the unquoted word NULL/)]);
    expect(issuesOf(toWarehouse('mdw', { kind: 'csv', nullMarker: 'NULL' }))).toEqual([]);
  });
});
