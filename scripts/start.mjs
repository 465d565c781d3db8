import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer as createViteServer } from 'vite';
import { createServer, openEmbeddedDatabase } from '@sealcall/server';
import { demoBackEnd } from '../examples/demo-back-end.ts';
import { startDemoIdentityProvider } from '../examples/demo-identity-provider.ts';
import { demoInsurerKey } from '../examples/demo-insurer-key.ts';

// The demo on one machine: the reference signaling server in this process, and Vite serving
// the agent and customer pages. Everything listens on loopback only.
const host = process.env.HOST ?? '127.0.0.1';
const secret = process.env.SEALCALL_SECRET ?? randomBytes(32).toString('base64url');
// What the demo keeps: the server's records (calls, who was admitted, the audit log) in embedded
// PostgreSQL, the encrypted pictures and recordings, and the insurer's records key.
const dataDir = process.env.SEALCALL_DATA_DIR ?? '.demo-data';
await mkdir(`${dataDir}/artifacts`, { recursive: true });
const insurerKey = await demoInsurerKey(`${dataDir}/insurer-key.json`);

// Staff sign in with the insurer's identity provider; the demo runs its own, on loopback.
const identityProvider = await startDemoIdentityProvider(host);
const database = await openEmbeddedDatabase({ dataDir: `${dataDir}/records` });
const signaling = createServer({
  secret,
  database,
  host,
  port: Number(process.env.SIGNALING_PORT ?? 8787),
  storage: { directory: `${dataDir}/artifacts`, region: 'eu-central' },
  staff: { jwks: identityProvider.jwksUrl, issuer: identityProvider.issuer, audience: identityProvider.audience, teamClaim: 'teams' },
  logger: () => {},
});
const { url: signalingUrl } = await signaling.listen();
const serverUrl = signalingUrl.replace(/^ws:/, 'http:');

const vite = await createViteServer({
  configFile: new URL('../examples/vite.config.ts', import.meta.url).pathname,
  server: { host, port: Number(process.env.PORT ?? 5173) },
  plugins: [demoBackEnd({ identityProvider, insurerKey, serverUrl, signalingUrl })],
});
await vite.listen();
const web = vite.resolvedUrls?.local[0] ?? `http://${host}:5173/`;

console.log(`
  Sealcall demo
  Agent page:     ${new URL('agent.html', web)}
  Customer page:  ${new URL('customer.html', web)} (open the link the agent page shows)
                  ${new URL('customer-react.html', web)} (the same page written with @sealcall/react)
  Back office:    ${new URL('back-office.html', web)} (the records, as agent, supervisor or DPO)
  Server:         ${serverUrl} (calls, audit log; signaling on ${signalingUrl})
  Staff sign-in:  ${identityProvider.issuer} (the demo's identity provider)
  Kept in:        ${dataDir}/ (records in embedded PostgreSQL, encrypted artifacts, the insurer's key)

  Press Ctrl+C to stop.
`);

async function stop() {
  await Promise.all([vite.close(), signaling.close(), identityProvider.close()]);
  await database.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
