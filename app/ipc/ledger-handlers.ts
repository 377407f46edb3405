/**
 * The designer's watermark ledger: an entity's saved values with their history (`ledger:history`),
 * and a person's change of them (`ledger:set`, `ledger:rollback`) — the very functions
 * `landfall state` calls, so the change takes the entity's run lock (refused while a run holds it)
 * and is recorded in `zdm.control_parameter_history` as `person:<user>` (the operating system's user). Without `confirmed` a
 * change only says what it would do: the confirmation dialog shows that, with the next extract.
 */
import type { RequestResult, ValidArg } from '../../shared/ipc/contract.ts';
import type { JobSpec } from '../../shared/protocol/engine.ts';
import { readStateOf, rollbackStateOf, setStateOf, type StateChange } from '../state/saved-state.ts';

/** The channels these handlers answer. */
export type LedgerChannel = 'ledger:history' | 'ledger:set' | 'ledger:rollback';

/** What the ledger handlers need of the app's handlers. */
export interface LedgerContext {
  /** The job spec of one saved entity of the open project, its connections resolved with the app's secrets. */
  readonly specOf: (entityName: string) => JobSpec;
}

const view = ({ entity, changes, values, applied, message }: StateChange): RequestResult<'ledger:set'> => ({ entity, changes, values, applied, message });

/** Creates the handlers of {@link LedgerChannel}. */
export function createLedgerHandlers(context: LedgerContext): { [C in LedgerChannel]: (arg: ValidArg<C>) => Promise<RequestResult<C>> } {
  return {
    async 'ledger:history'({ entityName }) {
      const [state] = await readStateOf(context.specOf(entityName));
      if (!state) throw new Error(`entity "${entityName}" has no extract: it saves no watermarks`);
      return state;
    },

    async 'ledger:set'({ entityName, parameter, value, confirmed }) {
      return view(await setStateOf(context.specOf(entityName), parameter, value, { yes: confirmed }));
    },

    async 'ledger:rollback'({ entityName, toRun, confirmed }) {
      return view(await rollbackStateOf(context.specOf(entityName), toRun, { yes: confirmed }));
    },
  };
}
