/**
 * A fact ready to ingest into or process: the validated project's fact and its warehouse
 * connection with paths made absolute (against the project file) and secrets resolved.
 */
import { dirname, resolve } from 'node:path';
import { ValidationError, type Connection, type Fact } from '../../shared/model/index.ts';
import type { ProjectStore } from '../store/project-store.ts';
import type { SecretCipher } from '../store/secret-cipher.ts';
import { resolveConnection, storeSecrets } from './resolve-connection.ts';

export interface FactTarget {
  readonly fact: Fact;
  readonly connection: Connection;
}

/** The fact named `name` (any case) of the project in `store`, or an error the user can act on. */
export function factTarget(store: ProjectStore, projectFile: string, name: string, options: { env?: NodeJS.ProcessEnv; cipher?: SecretCipher } = {}): FactTarget {
  const validated = store.validate();
  if (!validated.ok) throw new ValidationError(validated.issues);
  const project = validated.value;
  const fact = project.facts.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (!fact) throw new Error(`no fact is named "${name}"; the project has: ${project.facts.map((f) => f.name).join(', ') || 'no facts'}`);
  const warehouse = project.connections.find((c) => c.name.toLowerCase() === fact.warehouse.toLowerCase())!;
  return { fact, connection: resolveConnection(warehouse, dirname(resolve(projectFile)), storeSecrets(store, warehouse.name, options)) };
}
