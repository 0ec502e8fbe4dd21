import type { OneWayRule, WriteAuthority } from '../collections/authority';
import { sameDocument } from './same-document';

/** The enrolled device behind a push, as the server knows it from its bearer token (never from the body). */
export interface DeviceWriter {
  deviceId: string;
  hubId: string;
}

/**
 * The verdict on one pushed row. `field` names the first field at fault (`_deleted` for a deletion, `*` for the
 * document as a whole); `reason` says why, in words for logs and error bodies.
 */
export type WriteVerdict = { ok: true } | { ok: false; field: string; reason: string };

type Doc = Record<string, unknown>;

const OK: WriteVerdict = { ok: true };
const refuse = (field: string, reason: string): WriteVerdict => ({ ok: false, field, reason });

function oneWayAllows(rule: OneWayRule, before: unknown, after: unknown): boolean {
  switch (rule.kind) {
    case 'false-to-true':
      return before !== true || after === true;
    case 'set-once':
      return before === undefined;
    case 'forward': {
      const from = rule.order.indexOf(String(before));
      const to = rule.order.indexOf(String(after));
      return to >= 0 && to >= from;
    }
    case 'grows':
      return typeof after === 'number' && (typeof before !== 'number' || after >= before);
  }
}

function judgeCreate(authority: WriteAuthority, writer: DeviceWriter, incoming: Doc): WriteVerdict {
  if (authority.create !== 'device') return refuse('*', 'only the server creates these documents');
  const { hub, device } = authority.createdAs;
  if (hub !== undefined && incoming[hub] !== writer.hubId)
    return refuse(hub, 'a device creates documents of its own hub only');
  if (device !== undefined && incoming[device] !== writer.deviceId)
    return refuse(device, 'a device creates documents in its own name only');
  for (const [field, allowed] of Object.entries(authority.serverOnly))
    if (incoming[field] !== undefined && !allowed.some((value) => sameDocument(value, incoming[field])))
      return refuse(field, 'only the server sets this field');
  const derived = authority.derivedId?.(incoming);
  if (derived !== undefined && derived !== incoming.id)
    return refuse('id', `the id must be ${derived}, built from the document's own fields`);
  if (incoming._deleted === true && !authority.devicesDelete)
    return refuse('_deleted', 'devices do not delete these documents');
  return OK;
}

function owns(authority: WriteAuthority, writer: DeviceWriter, stored: Doc): boolean {
  const { owner } = authority;
  if (owner === 'server') return false;
  if ('hubField' in owner) return stored[owner.hubField] === writer.hubId;
  return stored[owner.deviceField] === writer.deviceId;
}

function judgeUpdate(
  authority: WriteAuthority,
  writer: DeviceWriter,
  stored: Doc,
  incoming: Doc,
): WriteVerdict {
  // A retried push of exactly what is stored changes nothing, whoever sends it.
  if (sameDocument(stored, incoming)) return OK;
  if (!owns(authority, writer, stored))
    return refuse(
      '*',
      authority.owner === 'server'
        ? 'only the server writes these documents'
        : 'the document belongs to another hub or device',
    );
  const fields = new Set([...Object.keys(stored), ...Object.keys(incoming)]);
  fields.delete('_deleted');
  for (const field of fields) {
    const before = stored[field];
    const after = incoming[field];
    if (sameDocument(before, after)) continue;
    if (field in authority.serverOnly) return refuse(field, 'only the server sets this field');
    if (!authority.deviceMayChange.includes(field))
      return refuse(field, 'this field never changes after creation');
    const rule = authority.oneWay[field];
    if (rule && !oneWayAllows(rule, before, after))
      return refuse(field, `this field only moves one way (${rule.kind})`);
  }
  if (Boolean(stored._deleted) !== Boolean(incoming._deleted) && !authority.devicesDelete)
    return refuse('_deleted', 'devices do not delete or restore these documents');
  return OK;
}

/**
 * Whether an enrolled device may write one pushed row, by the collection's write authority (registry.ts), judged
 * against the STORED document: `stored` undefined means the server holds none, so the row is a create and must
 * pass the create rule (whatever the kiosk believed); otherwise ownership is read from `stored` and every changed
 * field must be one the device may change, in the allowed direction. Pure: the server calls it on every pushed row
 * before any merge, and tests call it exhaustively.
 */
export function judgeDeviceWrite(
  authority: WriteAuthority,
  writer: DeviceWriter,
  stored: Doc | undefined,
  incoming: Doc,
): WriteVerdict {
  return stored === undefined
    ? judgeCreate(authority, writer, incoming)
    : judgeUpdate(authority, writer, stored, incoming);
}
