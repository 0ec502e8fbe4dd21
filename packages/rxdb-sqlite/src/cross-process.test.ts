/**
 * Two processes on one file: an instance in the test process and one in a child process (both
 * multiInstance: true) see each other's writes and receive each other's change events, with the operation
 * and the previous state the writer emitted (carried by the change log, see change-feed.ts).
 */
import type { RxDocumentData, RxStorageChangeEvent } from 'rxdb';
import { flatCloneDocWithMeta, now, prepareQuery, randomToken } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageBetterSqlite3 } from './storage.ts';
import { killChildren, startChild } from './test-support/child.ts';
import { type TestDoc, writeData } from './test-support/fixtures.ts';
import { testContext, useTempStorage } from './test-support/temp-storage.ts';

const env = useTempStorage();
afterEach(killChildren);

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('two processes on one file', () => {
  it('see each other’s writes and receive each other’s events', async () => {
    const databaseName = `xp${randomToken(6)}`;
    const collectionName = 'shared';
    const storage = getRxStorageBetterSqlite3({ directory: env.dir(), changePollInterval: 20 });
    const local = await env.open<TestDoc>({ storage, databaseName, collectionName, multiInstance: true });
    const events: RxStorageChangeEvent<RxDocumentData<TestDoc>>[] = [];
    const sub = local.changeStream().subscribe((bulk) => events.push(...(bulk.events as typeof events)));

    const peer = startChild('peer-process.ts', [env.dir(), databaseName, collectionName]);
    try {
      await peer.waitFor((line) => line === 'ready');

      // this process writes, the other one gets the event and can read the document
      const doc = writeData({ key: 'fromTest', value: 'v1' });
      expect((await local.bulkWrite([{ document: doc }], testContext)).error).toEqual([]);
      await peer.waitFor((line) => line === 'event INSERT fromTest v1 -');
      peer.send('find fromTest');
      await peer.waitFor((line) => line === 'found fromTest v1');

      // an update arrives with its previous state
      const update = flatCloneDocWithMeta(doc);
      update.value = 'v2';
      update._rev = '2-test';
      update._meta.lwt = now();
      expect((await local.bulkWrite([{ previous: doc, document: update }], testContext)).error).toEqual([]);
      await peer.waitFor((line) => line === 'event UPDATE fromTest v2 v1');

      // the other process writes, this one gets the event and can read the document
      peer.send('write fromPeer p1');
      await peer.waitFor((line) => line === 'written fromPeer');
      await waitUntil(() => events.some((e) => e.documentId === 'fromPeer' && e.operation === 'INSERT'));
      expect((await local.findDocumentsById(['fromPeer'], false))[0]?.value).toBe('p1');
      // a document this process has read (and cached) is changed by the other process: reads see the change
      expect((await local.findDocumentsById(['fromTest'], false))[0]?.value).toBe('v2');
      peer.send('update fromTest v3');
      await peer.waitFor((line) => line === 'updated fromTest');
      expect((await local.findDocumentsById(['fromTest'], false))[0]?.value).toBe('v3');
      const all = prepareQuery(local.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
      expect((await local.query(all)).documents.map((d) => d.value)).toEqual(['p1', 'v3']);
      await waitUntil(() =>
        events.some(
          (e) => e.documentId === 'fromTest' && e.operation === 'UPDATE' && e.documentData.value === 'v3',
        ),
      );

      // its own writes are not echoed back to it
      expect(peer.lines.filter((line) => line.startsWith('event INSERT fromPeer'))).toHaveLength(1);
      expect(events.filter((e) => e.documentId === 'fromTest')).toHaveLength(3);
    } finally {
      peer.send('exit');
      await peer.exited;
      sub.unsubscribe();
    }
  });

  it('a reopened database does not reuse cached documents that another process changed meanwhile', async () => {
    const databaseName = `xr${randomToken(6)}`;
    const collectionName = 'shared';
    const first = await env.open<TestDoc>({ databaseName, collectionName, multiInstance: true });
    await first.bulkWrite([{ document: writeData({ key: 'k', value: 'mine' }) }], testContext);
    expect((await first.findDocumentsById(['k'], false))[0]?.value).toBe('mine');
    await first.close();

    const peer = startChild('peer-process.ts', [env.dir(), databaseName, collectionName]);
    try {
      await peer.waitFor((line) => line === 'ready');
      peer.send('update k theirs');
      await peer.waitFor((line) => line === 'updated k');
    } finally {
      peer.send('exit');
      await peer.exited;
    }

    const again = await env.open<TestDoc>({ databaseName, collectionName, multiInstance: true });
    expect((await again.findDocumentsById(['k'], false))[0]?.value).toBe('theirs');
    const all = prepareQuery(again.schema, { selector: {}, sort: [{ key: 'asc' }], skip: 0 });
    expect((await again.query(all)).documents.map((d) => d.value)).toEqual(['theirs']);
  });
});
