// The Debian packages the test suite needs, and how to tell whether they are installed.
// Used by `npm test` (scripts/test.js) and .ci/run, so both provision the same things.
import { existsSync, readdirSync } from 'node:fs';

const postgresBin = () => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/initdb`)).sort((a, b) => Number(b) - Number(a));
  return versions.length ? `${root}/${versions[0]}/bin` : undefined;
};

const onPath = (name) =>
  (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/sbin']).some((dir) => existsSync(`${dir}/${name}`));

/** Each package: what it is for and whether this machine has it. */
export const SYSTEM_PACKAGES = [
  { name: 'postgresql', purpose: 'PostgreSQL server for source and warehouse tests', present: () => postgresBin() !== undefined },
  { name: 'mariadb-server', purpose: 'MariaDB server for source and warehouse tests', present: () => onPath('mariadbd') && onPath('mariadb-install-db') },
  { name: 'chromium', purpose: 'Chromium for the Playwright tests of the designer', present: () => existsSync('/usr/bin/chromium') },
];

export function missingPackages() {
  return SYSTEM_PACKAGES.filter((pkg) => !pkg.present());
}
