import { readFile } from 'node:fs/promises';
import { databaseChoice, openChosen } from './cli-database.js';
import { tokenEnvironment } from './cli-environment.js';
import { parseFlags } from './cli-flags.js';
import { SealcallServerError } from './errors.js';
import { resolveAuditKey, trustedAuditKeys, type TrustedAuditKeys } from './governance/audit-key.js';
import { verifyAuditLog } from './governance/audit-verify.js';
import { secretKey } from './tokens/room-token.js';

export const AUDIT_USAGE = `Usage: sealcall-server audit verify (--data-dir DIR | --database-url URL) [--tenant T] [--trusted-keys FILE]

Checks the audit log: every tenant's hash chain from its first entry, and every entry's
signature. Exits 0 if all of it is as the server wrote it, 1 with the first entry that is not
(changed, deleted, moved, inserted, or signed by a key that is not trusted), 2 on bad usage.

The key the server signs with comes from the same environment as the server's: SEALCALL_AUDIT_KEY,
or else SEALCALL_SECRET. A PGlite data directory can be opened by one process at a time: stop
the server first, or verify a copy.

Options:
  --data-dir DIR       the server's embedded database (or SEALCALL_DATA_DIR)
  --database-url URL   its PostgreSQL database (or SEALCALL_DATABASE_URL)
  --tenant T           check only this tenant's chain
  --trusted-keys FILE  a JWKS of earlier audit keys (each server's GET /v1/audit/keys), for
                       entries signed before the key was changed
`;

/** `sealcall-server audit verify ...`: the exit code, after saying what was found. */
export async function auditCommand(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (args[0] !== 'verify') {
    if (args[0] === '--help') {
      process.stdout.write(AUDIT_USAGE);
      return 0;
    }
    return fail(`expected "audit verify", got "audit ${args[0] ?? ''}"\n\n${AUDIT_USAGE}`);
  }
  const values = parseFlags(
    args.slice(1),
    { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, tenant: { type: 'string' }, 'trusted-keys': { type: 'string' }, help: { type: 'boolean' } },
    AUDIT_USAGE,
    fail,
  );
  if (typeof values === 'number') return values;
  const environment = tokenEnvironment(env);
  if (typeof environment === 'string') return fail(environment);
  let trusted: TrustedAuditKeys;
  try {
    const current = resolveAuditKey(environment.auditKey, secretKey(environment.secret)).publicJwk;
    const earlier = values['trusted-keys'] === undefined ? [] : await readKeys(values['trusted-keys']);
    trusted = trustedAuditKeys([current, ...earlier]);
  } catch (error) {
    if (error instanceof SealcallServerError || error instanceof KeysFileError) return fail(error.message);
    throw error;
  }
  const where = databaseChoice(values, env);
  if (typeof where === 'string') return fail(where);
  let database;
  try {
    database = await openChosen(where);
  } catch (error) {
    return fail(`cannot open the database: ${(error as Error).message}`, 1);
  }
  try {
    const verdict = await verifyAuditLog(database, trusted, values.tenant === undefined ? undefined : { tenant: values.tenant });
    if (!verdict.ok) return fail(`tenant "${verdict.tenant}", entry ${verdict.seq}: ${verdict.problem}`, 1);
    process.stdout.write(`the audit log verifies: ${verdict.entries} entries in ${verdict.tenants} tenant chains\n`);
    return 0;
  } finally {
    await database.close();
  }
}

class KeysFileError extends Error {}

async function readKeys(file: string): Promise<Array<{ x: string }>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new KeysFileError(`cannot read --trusted-keys ${file} as JSON: ${(error as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'object' && k !== null && (k as { crv?: unknown }).crv === 'Ed25519' && /^[A-Za-z0-9_-]{43}$/.test(String((k as { x?: unknown }).x)))) {
    throw new KeysFileError(`--trusted-keys ${file} expected a JWKS of Ed25519 public keys: { "keys": [{ "kty": "OKP", "crv": "Ed25519", "x": "..." }] }`);
  }
  return keys as Array<{ x: string }>;
}

function fail(message: string, code = 2): number {
  process.stderr.write(`sealcall-server audit: ${message}\n`);
  return code;
}
