// The fact bench's arms on a small stream: both end with the same fact and summary.
import { expect, inject, it } from 'vitest';
import { parseConnection } from '../../shared/model/validate.ts';
import { createMariaDbDatabase } from '../../test/services/databases.ts';
import { flipFlopArm, naiveArm, verifyArms } from './fact-arms.ts';

it('the flip-flop and naive arms land the same fact and summary on MariaDB', async () => {
  const db = await createMariaDbDatabase(inject('mariadb'), 'factbench');
  try {
    const parsed = parseConnection({ name: 'wh', kind: 'mariadb', host: db.host, port: db.port, database: db.database, user: db.user });
    if (!parsed.ok || parsed.value.kind !== 'mariadb') throw new Error('bad connection');
    const flip = await flipFlopArm(parsed.value, 3_000);
    const naive = await naiveArm(parsed.value, 3_000);
    expect([flip.rows, naive.rows]).toEqual([3_000, 3_000]);
    expect(await verifyArms(parsed.value)).toEqual([]);
  } finally {
    await db.drop();
  }
});
