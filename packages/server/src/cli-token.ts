import { SealcallServerError } from './errors.js';
import { tokenEnvironment } from './cli-environment.js';
import { parseFlags } from './cli-flags.js';
import { createRoomToken } from './tokens/room-token.js';

export const TOKEN_USAGE = `Usage: sealcall-server token --room ROOM --role agent|customer [--subject S] [--tenant T] [--ttl SECONDS]

Prints a room token signed as the server checks it: HS256 with SEALCALL_SECRET, and the
issuer SEALCALL_TOKEN_ISSUER (default "sealcall"). For scripts, tests and first deployments;
in production your back end mints them (docs/protocol.md lists the claims).

Options:
  --room ROOM       the room, 1..64 characters of [A-Za-z0-9_-]
  --role ROLE       agent or customer (a customer token works once)
  --subject S       who joins, in your systems: the token's "sub" (default cli-<role>)
  --tenant T        the tenant, 1..64 characters of [A-Za-z0-9_-] (default: the default tenant)
  --ttl SECONDS     lifetime (default 3600; the server accepts at most 86400)
`;

/** `sealcall-server token ...`: the exit code, after printing the token or what is wrong. */
export function tokenCommand(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const values = parseFlags(
    args,
    {
      room: { type: 'string' },
      role: { type: 'string' },
      subject: { type: 'string' },
      tenant: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean' },
    },
    TOKEN_USAGE,
    fail,
  );
  if (typeof values === 'number') return values;
  const { room, role } = values;
  if (room === undefined || role === undefined) return fail(`give --room and --role\n\n${TOKEN_USAGE}`);
  if (role !== 'agent' && role !== 'customer') return fail(`--role expected agent or customer, got "${role}"`);
  if (values.ttl !== undefined && !/^\d{1,9}$/.test(values.ttl)) return fail(`--ttl expected a number of seconds, got "${values.ttl}"`);
  const environment = tokenEnvironment(env);
  if (typeof environment === 'string') return fail(environment);
  try {
    const token = createRoomToken({
      secret: environment.secret,
      room,
      role,
      subject: values.subject ?? `cli-${role}`,
      tenant: values.tenant,
      issuer: environment.tokenIssuer,
      ttlSeconds: values.ttl === undefined ? undefined : Number(values.ttl),
    });
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof SealcallServerError)) throw error;
    return fail(error.message);
  }
}

function fail(message: string): number {
  process.stderr.write(`sealcall-server token: ${message}\n`);
  return 2;
}
