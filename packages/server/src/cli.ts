import { ARTIFACT_KINDS, type ArtifactKind } from '@sealcall/protocol';
import type { Database } from './db/database.js';
import { auditCommand } from './cli-audit.js';
import { databaseChoice, openChosen } from './cli-database.js';
import { SealcallServerError } from './errors.js';
import { createServer } from './server.js';
import { readPublicKeys, tokenEnvironment } from './cli-environment.js';
import { staffSignIn } from './cli-staff.js';
import { parseFlags } from './cli-flags.js';
import { tokenCommand } from './cli-token.js';

const USAGE = `Usage: sealcall-server [--port N] [--host H] (--data-dir DIR | --database-url URL) [--storage-dir DIR]
                      [--storage-region R] [--retention-days KIND=DAYS]... [--allowed-origin O]... [--public-keys FILE]
                      [--turn-url URL]... [--redis-url URL]
                      [--staff-issuer URL --staff-audience AUD --staff-jwks URL|FILE [...]]
       sealcall-server token --room ROOM --role agent|customer [...]   (sealcall-server token --help)
       sealcall-server audit verify (--data-dir DIR | --database-url URL)  (sealcall-server audit --help)

Runs the Sealcall signaling server and logs one JSON line per event on stdout.

Options:
  --port N            port to listen on (default 8787; 0 picks a free port)
  --host H            address to listen on (default 127.0.0.1)
  --data-dir DIR      keep the server's records in an embedded PostgreSQL (PGlite) in DIR;
                      created if missing
  --database-url URL  keep them in a PostgreSQL server instead, e.g.
                      postgres://sealcall@db.internal:5432/sealcall
  --storage-dir DIR   also serve the artifact storage endpoint /v1/artifacts, keeping the
                      (encrypted) artifacts in DIR; created if missing. Default: no storage.
  --storage-region R  the region DIR is in, e.g. eu-central: a tenant whose settings allow other
                      regions only cannot store here. Default: none declared
  --retention-days KIND=DAYS
                      keep artifacts of KIND (picture, recording, document, location,
                      transcript, consent) at most DAYS from their creation; repeat per kind.
                      Default: 90 days, and six years for consent records. Clients may ask
                      for less, never more.
  --allowed-origin O  accept WebSockets and browser storage requests only from origin O,
                      e.g. https://portal.example.eu; repeat for more. Default: any origin.
  --public-keys FILE  a JWKS (JSON) of your back end's Ed25519 or P-256 public keys: room and
                      storage tokens must then be EdDSA or ES256 from one of them, not HS256
                      (the server's own, from POST /v1/calls, still work)
  --turn-url URL      a TURN server every participant gets credentials for, valid until its
                      session ends, e.g. turns:turn.example.eu:443?transport=tcp; repeat for
                      more. Needs SEALCALL_TURN_SECRET. Default: none (docs/deployment.md)
  --redis-url URL     share rooms with every node that names the same Redis, e.g.
                      redis://redis.internal:6379: an agent and a customer may then be on
                      different nodes behind any load balancer. Needs --database-url, the same
                      for every node. Default: none, rooms live in this process

Staff sign-in (turns on the governance routes: /v1/calls, /v1/records, /v1/audit, /v1/holds,
/v1/subjects, /v1/exports, /v1/settings and /v1/retention-events; see docs/governance.md):
  --staff-issuer URL  the "iss" of your identity provider's access tokens (OpenID Connect)
  --staff-audience AUD
                      the "aud" they carry for Sealcall
  --staff-jwks URL|FILE
                      the provider's keys: its jwks_uri (https), or a JWKS file
  --staff-roles-claim CLAIM
                      the claim with the member's roles, e.g. realm_access.roles (default roles)
  --staff-role NAME=ROLE
                      the provider's role NAME is Sealcall's ROLE (agent, supervisor, dpo,
                      admin); repeat per name. Default: the provider uses Sealcall's names
  --staff-tenant-claim CLAIM
                      the claim naming the member's tenant. Default: everyone is of "default"
  --staff-team-claim CLAIM
                      the claim naming the member's teams: a supervisor sees the calls their
                      teams' agents started. Default: none, and supervisors see no calls
  --help              print this help

Environment:
  SEALCALL_SECRET        HMAC (HS256) key of resume tokens, and of room and storage tokens unless
                         --public-keys is given; at least 32 characters (required).
                         Generate one with: openssl rand -base64 32
  SEALCALL_TOKEN_ISSUER  the "iss" every token must carry (default "sealcall")
  SEALCALL_AUDIT_KEY     the Ed25519 key that signs the audit log: 32 random bytes, base64url
                         (openssl rand 32 | basenc --base64url | tr -d =). Default: derived
                         from SEALCALL_SECRET, so whoever has the secret could sign entries too
  SEALCALL_TURN_SECRET   coturn's static-auth-secret (use-auth-secret), for --turn-url
  SEALCALL_DATA_DIR      the default of --data-dir
  SEALCALL_DATABASE_URL  the default of --database-url
  SEALCALL_REDIS_URL     the default of --redis-url
`;

/** `--retention-days picture=30 --retention-days consent=2190`: days per kind, or what is wrong. */
function parseRetention(values: readonly string[]): Partial<Record<ArtifactKind, number>> | string {
  const days: Partial<Record<ArtifactKind, number>> = {};
  for (const value of values) {
    const match = /^([a-z]+)=(\d{1,6})$/.exec(value);
    const kind = ARTIFACT_KINDS.find((k) => k === match?.[1]);
    if (!match || kind === undefined) return `--retention-days expected KIND=DAYS with KIND one of ${ARTIFACT_KINDS.join(', ')}, got "${value}"`;
    days[kind] = Number(match[2]);
  }
  return days;
}

async function main(args: readonly string[]): Promise<number | undefined> {
  const values = parseFlags(
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'storage-dir': { type: 'string' },
      'storage-region': { type: 'string' },
      'retention-days': { type: 'string', multiple: true },
      'allowed-origin': { type: 'string', multiple: true },
      'public-keys': { type: 'string' },
      'turn-url': { type: 'string', multiple: true },
      'redis-url': { type: 'string' },
      'staff-issuer': { type: 'string' },
      'staff-audience': { type: 'string' },
      'staff-jwks': { type: 'string' },
      'staff-roles-claim': { type: 'string' },
      'staff-role': { type: 'string', multiple: true },
      'staff-tenant-claim': { type: 'string' },
      'staff-team-claim': { type: 'string' },
      help: { type: 'boolean' },
    },
    USAGE,
    fail,
  );
  if (typeof values === 'number') return values;
  if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) {
    return fail(`--port expected an integer in 0..65535, got "${values.port}"`);
  }
  const storageDir = values['storage-dir'];
  if (storageDir === '') return fail('--storage-dir expected a directory path, got ""');
  const retentionDays = parseRetention(values['retention-days'] ?? []);
  if (typeof retentionDays === 'string') return fail(retentionDays);
  if (storageDir === undefined && values['retention-days'] !== undefined) return fail('--retention-days is for artifacts: give --storage-dir too');
  const region = values['storage-region'];
  if (storageDir === undefined && region !== undefined) return fail('--storage-region is for artifacts: give --storage-dir too');
  const turnUrls = values['turn-url'];
  const turnSecret = process.env.SEALCALL_TURN_SECRET;
  if (turnUrls !== undefined && !turnSecret) return fail('--turn-url needs SEALCALL_TURN_SECRET: the static-auth-secret of your coturn');
  const redisUrl = values['redis-url'] ?? process.env.SEALCALL_REDIS_URL;
  const environment = tokenEnvironment(process.env);
  if (typeof environment === 'string') return fail(environment);
  const publicKeys = values['public-keys'] === undefined ? undefined : await readPublicKeys(values['public-keys']);
  if (typeof publicKeys === 'string') return fail(publicKeys);
  const staff = await staffSignIn(values);
  if (typeof staff === 'string') return fail(staff);
  const where = databaseChoice(values, process.env);
  if (typeof where === 'string') return fail(where);

  let database: Database;
  try {
    database = await openChosen(where);
  } catch (error) {
    return fail(`cannot open the database: ${(error as Error).message}`, 1);
  }

  let server;
  try {
    server = createServer({
      ...environment,
      publicKeys,
      database,
      host: values.host,
      port: values.port === undefined ? undefined : Number(values.port),
      storage: storageDir === undefined ? undefined : { directory: storageDir, retentionDays, ...(region === undefined ? {} : { region }) },
      allowedOrigins: values['allowed-origin'],
      ...(turnUrls === undefined ? {} : { turn: { secret: turnSecret as string, urls: turnUrls } }),
      ...(redisUrl ? { redis: { url: redisUrl } } : {}),
      staff,
    });
  } catch (error) {
    await database.close();
    if (!(error instanceof SealcallServerError)) throw error;
    return fail(error.message);
  }
  try {
    await server.listen();
  } catch (error) {
    await database.close();
    return fail(`cannot listen: ${(error as Error).message}`, 1);
  }

  const stop = (): void => {
    server
      .close()
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: Error) => {
          process.stderr.write(`sealcall-server: shutdown failed: ${error.message}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return undefined;
}

function fail(message: string, code = 2): number {
  process.stderr.write(`sealcall-server: ${message}\n`);
  return code;
}

const args = process.argv.slice(2);
const code = args[0] === 'token' ? tokenCommand(args.slice(1), process.env) : args[0] === 'audit' ? await auditCommand(args.slice(1), process.env) : await main(args);
if (code !== undefined) process.exitCode = code;
