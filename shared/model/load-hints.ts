/**
 * Advice that is not an error: a project that loads as it is written, but slower than it could.
 * Seed 000 on Synapse: PolyBase reads an uncompressed file with several threads, a compressed one
 * with one thread only, so compressed extracts load in parallel only as several files; and files
 * below 128 MB (Landfall's default) make many small reads. `landfall validate` prints these.
 */
import type { Project } from './schema.ts';

/** The smallest file size the seed recommends for PolyBase loads. */
export const POLYBASE_MIN_FILE_MB = 128;

/** One hint per extract whose settings slow its warehouse load down, naming the entity. */
export function loadHints(project: Project): string[] {
  const kinds = new Map(project.connections.map((c) => [c.name.toLowerCase(), c.kind]));
  const hints: string[] = [];
  for (const extract of project.extracts) {
    const entity = project.entities.find((e) => e.name.toLowerCase() === extract.entity.toLowerCase());
    if (!entity || kinds.get(entity.warehouse.toLowerCase()) !== 'synapse') continue;
    const name = `extract of entity "${entity.name}"`;
    if (extract.format.kind === 'csv' && extract.compression !== 'none') {
      hints.push(`${name}: PolyBase reads each ${extract.compression} file with a single thread, so a load is parallel only across files: keep fileSizeMb (${extract.fileSizeMb}) well below the extract's size, or set compression to none when the network allows (an uncompressed file is read by several threads)`);
    }
    if (extract.fileSizeMb < POLYBASE_MIN_FILE_MB) {
      hints.push(`${name}: files of ${extract.fileSizeMb} MB make many small PolyBase reads; ${POLYBASE_MIN_FILE_MB} MB or more is recommended (512 MB for large extracts when the network is not the limit)`);
    }
  }
  return hints;
}
