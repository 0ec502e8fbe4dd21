import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  type RxStorageInstanceReplicationState,
  writeDocToDocState,
} from 'rxdb';

/** Counting stops here: past it the status says "at least this many", and the count stays cheap. */
const UNPUSHED_COUNT_CAP = 100_000;
const IDS_PER_READ = 1_000;

/**
 * How many local documents of a replicated collection the server has not accepted yet: those changed after the
 * replication's upstream checkpoint whose state differs from the server state the replication last agreed on
 * (documents pulled from the server are equal to it). The same test RxDB 17's upstream applies before pushing,
 * done with its exported read-only helpers, without touching the replication's in-memory state.
 */
export async function countUnpushed<T>(state: RxStorageInstanceReplicationState<T>): Promise<number> {
  const { metaInstance, forkInstance, conflictHandler, keepMeta } = state.input;
  const checkpointId = getComposedPrimaryKeyOfDocumentData(metaInstance.schema, {
    isCheckpoint: '1',
    itemId: 'up',
  } as never);
  const [checkpointDoc] = await metaInstance.findDocumentsById([checkpointId], false);
  const { documents } = await getChangedDocumentsSince(
    forkInstance,
    UNPUSHED_COUNT_CAP,
    checkpointDoc?.checkpointData,
  );
  let count = 0;
  for (let i = 0; i < documents.length; i += IDS_PER_READ) {
    const slice = documents.slice(i, i + IDS_PER_READ);
    const ids = slice.map((doc) => String((doc as Record<string, unknown>)[state.primaryPath]));
    const assumed = await getAssumedMasterState(state, ids);
    slice.forEach((doc, n) => {
      const master = assumed[ids[n] as string];
      const agreed =
        master &&
        master.metaDocument.isResolvedConflict !== doc._rev &&
        conflictHandler.isEqual(
          master.docData,
          writeDocToDocState(doc, state.hasAttachments, !!keepMeta),
          'vigevano-count-unpushed',
        );
      if (!agreed) count += 1;
    });
  }
  return count;
}
