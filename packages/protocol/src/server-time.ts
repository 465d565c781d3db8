/**
 * `GET /v1/time`: the server's clock, for judging retention on a device whose own clock may be
 * wrong. Public and without credentials, like `/healthz`: a time of day is no secret.
 */

import * as v from 'valibot';
import { parseWith, type Parsed } from './parsed.js';
import { strict, time } from './schema-pieces.js';

export const SERVER_TIME_PATH = '/v1/time';

export const ServerTimeSchema = strict('time', { now: time('now') });
export type ServerTime = v.InferOutput<typeof ServerTimeSchema>;

export function parseServerTime(input: unknown): Parsed<ServerTime> {
  return parseWith(ServerTimeSchema, input);
}
