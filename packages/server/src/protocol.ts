/**
 * The wire contract is @sealcall/protocol's, shared with the SDK; this adds what the server does
 * with a text frame before it is a message: JSON, a bounded depth, then the schema.
 */

import { MAX_JSON_DEPTH, nestedDeeperThan, parseClientMessage, type ClientMessage } from '@sealcall/protocol';
import { SealcallServerError } from './errors.js';

/** Parses one text frame. Throws `SealcallServerError('BAD_MESSAGE')` with a reason for the sender. */
export function parseClientFrame(text: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad('expected a JSON text frame');
  }
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) throw bad(`objects and arrays may be nested ${MAX_JSON_DEPTH} levels deep at most`);
  const parsed = parseClientMessage(value);
  if (!parsed.ok) throw bad(parsed.reason);
  return parsed.value;
}

function bad(message: string): SealcallServerError {
  return new SealcallServerError('BAD_MESSAGE', message);
}
