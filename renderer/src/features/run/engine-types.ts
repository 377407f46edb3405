/**
 * The engine's event types as the designer sees them, through the IPC contract. (The renderer's
 * lint rule bans import paths containing `engine/`, which also catches `shared/engine/`; the
 * contract re-exposes the same types.)
 */
import type { AppEvents } from '../../../../shared/ipc/contract.ts';

export type EngineEvent = AppEvents['run:event'];
export type EntityState = Extract<EngineEvent, { type: 'entity:state' }>['state'];
export type LogLevel = Extract<EngineEvent, { type: 'log' }>['level'];
export type RunStatus = Extract<EngineEvent, { type: 'run:finished' }>['result']['status'];
