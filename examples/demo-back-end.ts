import type { Plugin } from 'vite';
import type { DemoIdentityProvider } from './demo-identity-provider.ts';

export interface DemoBackEndOptions {
  identityProvider: DemoIdentityProvider;
  /** The Sealcall server's HTTP base URL (the governance API) and its WebSocket URL. */
  serverUrl: string;
  signalingUrl: string;
}

/**
 * The demo's stand-in for the insurer's portal back end, as a Vite dev-server middleware:
 * `POST /api/sign-in` signs the demo agent in with the demo identity provider and returns the
 * access token. In production your portal's own OpenID Connect login does this; the agent's
 * page then starts calls on the Sealcall server itself (`POST /v1/calls`).
 */
export function demoBackEnd({ identityProvider, serverUrl, signalingUrl }: DemoBackEndOptions): Plugin {
  return {
    name: 'sealcall-demo-back-end',
    configureServer(server) {
      server.middlewares.use('/api/sign-in', (req, res) => {
        if (req.method !== 'POST') {
          res.statusCode = 405;
          res.end();
          return;
        }
        identityProvider.signIn('demo-agent', ['agent']).then(
          (accessToken) => {
            res.setHeader('content-type', 'application/json');
            res.setHeader('cache-control', 'no-store');
            res.end(JSON.stringify({ accessToken, serverUrl, signalingUrl }));
          },
          (error: unknown) => {
            server.config.logger.error(`Demo sign-in failed: ${error instanceof Error ? error.message : String(error)}`);
            res.statusCode = 500;
            res.end();
          },
        );
      });
    },
  };
}
