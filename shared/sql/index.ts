export * from './dialect.ts';
export * from './statement.ts';
export * from './cte.ts';
export * from './watermark.ts';
export * from './entity-sql.ts';
export * from './preview.ts';
