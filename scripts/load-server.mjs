// A reference server for `npm run bench:load`, in a process of its own so that its memory can be
// read from /proc: embedded PGlite in memory, or the PostgreSQL database LOAD_DATABASE_URL names,
// sharing rooms through the Redis LOAD_REDIS_URL names if set;
// no connection cap per address (every load client comes from 127.0.0.1), otherwise the
// defaults. Prints {"url"} once listening, answers load-ipc.mjs's questions; SIGTERM stops it.
import { createServer, openEmbeddedDatabase, openPostgresDatabase } from '@sealcall/server';
import { answerLoadQuestions } from './load-ipc.mjs';

const database = process.env.LOAD_DATABASE_URL ? await openPostgresDatabase({ url: process.env.LOAD_DATABASE_URL }) : await openEmbeddedDatabase();
const redis = process.env.LOAD_REDIS_URL ? { url: process.env.LOAD_REDIS_URL } : undefined;
const server = createServer({ secret: process.env.SEALCALL_SECRET, database, redis, port: 0, logger: () => {}, maxConnectionsPerAddress: 1_000_000 });
const { url } = await server.listen();
process.stdout.write(`${JSON.stringify({ url })}\n`);
answerLoadQuestions();
process.once('SIGTERM', async () => {
  await server.close();
  await database.close();
  process.exit(0);
});
