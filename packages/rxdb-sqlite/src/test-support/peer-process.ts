/**
 * Child process of the cross-process test: opens the same collection of the same file as the test, with
 * multiInstance: true, prints every change event it receives and runs commands read from stdin:
 *   write <key> <value>   insert a document           -> "written <key>"
 *   update <key> <value>  change a stored document    -> "updated <key>"
 *   find <key>            look a document up          -> "found <key> <value>" or "missing <key>"
 *   exit                  close and exit
 * Usage: tsx peer-process.ts <directory> <databaseName> <collectionName>
 */
import { createInterface } from 'node:readline';
import { getPseudoSchemaForVersion, now, randomToken } from 'rxdb';
import { getRxStorageBetterSqlite3 } from '../storage.ts';

const [directory, databaseName, collectionName] = process.argv.slice(2);
if (!directory || !databaseName || !collectionName)
  throw new Error('usage: peer-process.ts <dir> <db> <collection>');

type Doc = { key: string; value: string };
const instance = await getRxStorageBetterSqlite3({
  directory,
  changePollInterval: 20,
}).createStorageInstance<Doc>({
  databaseInstanceToken: randomToken(10),
  databaseName,
  collectionName,
  schema: getPseudoSchemaForVersion<Doc>(0, 'key'),
  options: {},
  multiInstance: true,
  devMode: false,
});
instance.changeStream().subscribe((bulk) => {
  for (const event of bulk.events) {
    const previous = event.previousDocumentData ? event.previousDocumentData.value : '-';
    process.stdout.write(
      `event ${event.operation} ${event.documentId} ${event.documentData.value} ${previous}\n`,
    );
  }
});
process.stdout.write('ready\n');

for await (const line of createInterface({ input: process.stdin })) {
  const [command, key = '', value = ''] = line.trim().split(' ');
  if (command === 'write') {
    const document = { key, value, _deleted: false, _attachments: {}, _rev: '1-peer', _meta: { lwt: now() } };
    const result = await instance.bulkWrite([{ document }], 'peer');
    process.stdout.write(result.error.length ? `error ${key}\n` : `written ${key}\n`);
  } else if (command === 'update') {
    const [previous] = await instance.findDocumentsById([key], false);
    if (!previous) throw new Error(`peer: nothing to update at ${key}`);
    const document = {
      ...previous,
      value,
      _rev: `${Number.parseInt(previous._rev, 10) + 1}-peer`,
      _meta: { lwt: now() },
    };
    const result = await instance.bulkWrite([{ previous, document }], 'peer');
    process.stdout.write(result.error.length ? `error ${key}\n` : `updated ${key}\n`);
  } else if (command === 'find') {
    const [doc] = await instance.findDocumentsById([key], false);
    process.stdout.write(doc ? `found ${key} ${doc.value}\n` : `missing ${key}\n`);
  } else if (command === 'exit') {
    await instance.close();
    process.exit(0);
  }
}
