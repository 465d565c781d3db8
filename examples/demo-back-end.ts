import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import type { StaffRole } from '@sealcall/server';
import type { DemoIdentityProvider } from './demo-identity-provider.ts';
import type { DemoInsurerKey } from './demo-insurer-key.ts';

export interface DemoBackEndOptions {
  identityProvider: DemoIdentityProvider;
  insurerKey: DemoInsurerKey;
  /** The Sealcall server's HTTP base URL (the governance API) and its WebSocket URL. */
  serverUrl: string;
  signalingUrl: string;
}

/** The demo's members of staff: one agent, their supervisor and the DPO, all in team `claims-north`. */
const STAFF: Readonly<Record<'agent' | 'supervisor' | 'dpo', { subject: string; roles: StaffRole[] }>> = {
  agent: { subject: 'demo-agent', roles: ['agent'] },
  supervisor: { subject: 'demo-supervisor', roles: ['supervisor'] },
  dpo: { subject: 'demo-dpo', roles: ['dpo'] },
};
const TEAMS = ['claims-north'];

/**
 * The demo's stand-in for the insurer's portal back end, as a Vite dev-server middleware. In
 * production your portal's own OpenID Connect login does this.
 * - `POST /api/sign-in` signs the demo agent in and answers the access token and the insurer's
 *   public records key, to which the agent's page encrypts what it captures.
 * - `POST /api/back-office/sign-in?as=agent|supervisor|dpo` signs that member in for the back
 *   office and answers the access token and the insurer's private records key, with which the
 *   back office decrypts what it shows.
 */
export function demoBackEnd({ identityProvider, insurerKey, serverUrl, signalingUrl }: DemoBackEndOptions): Plugin {
  const answer = (res: ServerResponse, body: object) => {
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify(body));
  };
  return {
    name: 'sealcall-demo-back-end',
    configureServer(server) {
      const route = (path: string, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
        server.middlewares.use(path, (req, res) => {
          if (req.method !== 'POST') {
            res.statusCode = 405;
            res.end();
            return;
          }
          handle(req, res).catch((error: unknown) => {
            server.config.logger.error(`Demo sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
            res.statusCode = 500;
            res.end();
          });
        });
      route('/api/sign-in', async (_req, res) => {
        const { subject, roles } = STAFF.agent;
        const accessToken = await identityProvider.signIn(subject, roles, TEAMS);
        answer(res, { accessToken, serverUrl, signalingUrl, recordsKey: insurerKey.publicKey });
      });
      route('/api/back-office/sign-in', async (req, res) => {
        const as = new URL(req.url ?? '', 'http://demo').searchParams.get('as');
        const member = as === 'agent' || as === 'supervisor' || as === 'dpo' ? STAFF[as] : undefined;
        if (!member) {
          res.statusCode = 400;
          res.end();
          return;
        }
        const accessToken = await identityProvider.signIn(member.subject, member.roles, TEAMS);
        answer(res, { accessToken, serverUrl, recordsPrivateKey: insurerKey.privateKey });
      });
    },
  };
}
