// Fields of the settings file this build does not know: a newer version's (written by an app updated on another
// machine that shares the folder, or before a downgrade) or a person's note. They are kept when either store
// writes the file, so that two versions, or a person and the app, can share it without erasing each other.
//
// "Unknown" is decided by the schema, not by what the new settings lack: an optional field the user removed
// (an account's endpoint when it moved to a region) must stay removed.
import { AccountSchema, SettingsSchema, type Settings } from './schema.js';

type Json = Record<string, unknown>;

/** The settings to write: `next`, plus every field of `previous` (the document last read) unknown to the schema. */
export function withUnknownFields(previous: unknown, next: Settings): Json {
  return mergeObject(previous, next as unknown as Json, SettingsSchema);
}

function mergeObject(previous: unknown, next: Json, schema: unknown): Json {
  if (!isObject(previous)) return next;
  const shape = shapeOf(schema);
  if (shape === undefined) return next;
  const merged: Json = { ...next };
  for (const [key, value] of Object.entries(previous)) {
    if (!(key in shape)) {
      if (!(key in merged)) merged[key] = value;
      continue;
    }
    const known = merged[key];
    if (key === 'accounts' && schema === SettingsSchema && Array.isArray(known) && Array.isArray(value)) {
      merged[key] = known.map((account: unknown) => mergeAccount(value, account));
    } else if (isObject(known) && isObject(value)) {
      merged[key] = mergeObject(value, known, shape[key]);
    }
  }
  return merged;
}

/** An account keeps its own unknown fields, found by its stable id (accounts may be reordered or renamed). */
function mergeAccount(previousAccounts: readonly unknown[], account: unknown): unknown {
  if (!isObject(account)) return account;
  const before = previousAccounts.find((candidate) => isObject(candidate) && candidate['id'] === account['id']);
  return mergeObject(before, account, AccountSchema);
}

/** The object shape behind a schema and its wrappers (default, prefault, optional, ...), or undefined. */
function shapeOf(schema: unknown): Readonly<Record<string, unknown>> | undefined {
  let node = schema;
  for (let depth = 0; isObject(node) && depth < 8; depth++) {
    const internals = node['_zod'];
    const def = isObject(internals) ? internals['def'] : undefined;
    if (!isObject(def)) return undefined;
    if (def['type'] === 'object') return isObject(def['shape']) ? def['shape'] : undefined;
    node = def['innerType'] ?? def['in'];
  }
  return undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
