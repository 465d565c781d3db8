/**
 * Who may do what on the artifact storage endpoint: every operation for every storage role, in
 * one table that the server enforces and that clients may read (to hide what a token cannot do).
 */

import type { StorageRole } from './tokens.js';

export const STORAGE_OPERATIONS = [
  'begin',
  'append',
  'finish',
  'metadata',
  'content',
  'update',
  'delete',
  'list-by-call',
  'list-by-subject',
  'list-expired',
] as const;

/** What a request to the storage endpoint does. */
export type StorageOperation = (typeof STORAGE_OPERATIONS)[number];

/**
 * - `never`: refused outright.
 * - `own-call`: artifacts of the token's call (begin: the body's callId must be it).
 * - `own-artifact`: artifacts of the token's call that this token's role and `sub` began.
 * - `tenant`: every artifact of the token's tenant.
 */
export type StorageReach = 'never' | 'own-call' | 'own-artifact' | 'tenant';

/**
 * Agents and customers are held to their call (the token's `room`), and only the participant who
 * began an artifact writes to it, finishes, patches or aborts it; the office, the integrator's
 * back office, reaches every artifact of its tenant but never writes content.
 */
export const STORAGE_ACCESS: Readonly<Record<StorageOperation, Readonly<Record<StorageRole, StorageReach>>>> = {
  begin: { agent: 'own-call', customer: 'own-call', office: 'never' },
  append: { agent: 'own-artifact', customer: 'own-artifact', office: 'never' },
  finish: { agent: 'own-artifact', customer: 'own-artifact', office: 'never' },
  metadata: { agent: 'own-call', customer: 'never', office: 'tenant' },
  content: { agent: 'own-call', customer: 'never', office: 'tenant' },
  update: { agent: 'own-artifact', customer: 'never', office: 'tenant' },
  delete: { agent: 'own-artifact', customer: 'own-artifact', office: 'tenant' },
  'list-by-call': { agent: 'own-call', customer: 'never', office: 'tenant' },
  'list-by-subject': { agent: 'never', customer: 'never', office: 'tenant' },
  'list-expired': { agent: 'never', customer: 'never', office: 'tenant' },
};
