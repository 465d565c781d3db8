// A reference server in a process of its own (cli-process.ts's startServerProcess), for tests that
// kill it: createServer with SERVER_SECRET and the JSON options in SERVER_OPTIONS, on the
// PostgreSQL database DATABASE_URL; it logs JSON lines to stdout, `listening` among them.
import { createServer, openPostgresDatabase } from '../src/index.js';

const database = await openPostgresDatabase({ url: process.env.DATABASE_URL as string, poolSize: 2 });
const server = createServer({ secret: process.env.SERVER_SECRET as string, port: 0, ...(JSON.parse(process.env.SERVER_OPTIONS ?? '{}') as object), database });
await server.listen();
