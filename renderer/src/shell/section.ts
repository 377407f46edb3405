/** The designer's screens, as the left drawer lists them. */
export const SECTIONS = ['projects', 'connections', 'entities', 'facts', 'run', 'dashboard', 'lake', 'versions'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_LABELS: Record<Section, string> = {
  projects: 'Projects',
  connections: 'Connections',
  entities: 'Entities',
  facts: 'Facts',
  run: 'Run',
  dashboard: 'Dashboard',
  lake: 'Lake',
  versions: 'Versions',
};
