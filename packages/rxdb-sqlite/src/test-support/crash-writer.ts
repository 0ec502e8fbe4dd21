/**
 * Child process of the crash test: writes check-ins through RxDB as fast as it can, single inserts and
 * bulk inserts of 100 in turn, and prints the id of every check-in whose write has resolved, one per line.
 * The test kills it with SIGKILL at a random moment; every printed id must then be in the file.
 * Usage: tsx crash-writer.ts <directory> <databaseName>
 */
import { createRxDatabase } from 'rxdb';
import { getRxStorageBetterSqlite3 } from '../storage.ts';
import { checkinSchemaLiteral } from './fixtures.ts';

const [directory, name] = process.argv.slice(2);
if (!directory || !name) throw new Error('usage: crash-writer.ts <directory> <databaseName>');

const db = await createRxDatabase({
  name,
  storage: getRxStorageBetterSqlite3({ directory }),
  multiInstance: false,
});
const { checkins } = await db.addCollections({ checkins: { schema: checkinSchemaLiteral } });

function checkin(n: number) {
  return {
    id: `c${n.toString().padStart(10, '0')}`,
    hubId: `hub${n % 4}`,
    deviceId: 'dev1',
    cardId: `card${n % 1000}`,
    direction: 'in' as const,
    source: 'camera' as const,
    deviceTime: 1_735_689_600_000 + n,
    hlc: `${n.toString(36).padStart(8, '0')}-dev1`,
    updatedAt: 1_735_689_600_000 + n,
  };
}

process.stdout.write('ready\n');
let n = 0;
for (;;) {
  if (n % 3 === 0) {
    const batch = Array.from({ length: 100 }, () => checkin(n++));
    const result = await checkins.bulkInsert(batch);
    if (result.error.length > 0) throw new Error(`write failed: ${JSON.stringify(result.error[0])}`);
    // one write() per batch: a line is printed whole or not at all
    process.stdout.write(`${batch.map((doc) => doc.id).join('\n')}\n`);
  } else {
    const doc = checkin(n++);
    await checkins.insert(doc);
    process.stdout.write(`${doc.id}\n`);
  }
}
