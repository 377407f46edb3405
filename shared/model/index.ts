export * from './column-type.ts';
export * from './schema.ts';
export * from './connection-kinds.ts';
export * from './defaults.ts';
export * from './validate.ts';
export * from './canonical.ts';
