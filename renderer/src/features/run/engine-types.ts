/**
 * The engine's event types as the designer sees them, through the IPC contract. The renderer takes them
 * from the contract, its one view of the app.
 */
import type { AppEvents } from '../../../../shared/ipc/contract.ts';

export type EngineEvent = AppEvents['run:event'];
export type EntityState = Extract<EngineEvent, { type: 'entity:state' }>['state'];
export type LogLevel = Extract<EngineEvent, { type: 'log' }>['level'];
export type RunStatus = Extract<EngineEvent, { type: 'run:finished' }>['result']['status'];
export type ProgressTotal = NonNullable<Extract<EngineEvent, { type: 'entity:progress' }>['total']>;
