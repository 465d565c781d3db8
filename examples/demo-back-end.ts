import { randomBytes } from 'node:crypto';
import type { Plugin } from 'vite';
import { createRoomToken } from '@sealcall/server';

export interface DemoBackEndOptions {
  secret: string;
  signalingUrl: string;
}

/**
 * The demo's stand-in for an integrator's back end, as a Vite dev-server middleware:
 * `POST /api/rooms` mints a room, its two tokens, and the pseudonymous id under which the
 * customer's pictures and recordings are filed. In production this lives on your own
 * server, behind your own login, and only your agents may call it.
 */
export function demoBackEnd({ secret, signalingUrl }: DemoBackEndOptions): Plugin {
  return {
    name: 'sealcall-demo-back-end',
    configureServer(server) {
      server.middlewares.use('/api/rooms', (req, res) => {
        if (req.method !== 'POST') {
          res.statusCode = 405;
          res.end();
          return;
        }
        const room = randomBytes(16).toString('base64url');
        // Yours would be pseudonymousSubjectId(customerNumber, key) for the claim's customer.
        const subjectId = randomBytes(16).toString('base64url');
        const body = {
          room,
          subjectId,
          signalingUrl,
          agentToken: createRoomToken({ secret, subject: 'demo-agent', room, role: 'agent', ttlSeconds: 4 * 3600 }),
          customerToken: createRoomToken({ secret, subject: subjectId, room, role: 'customer', ttlSeconds: 24 * 3600 }),
        };
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'no-store');
        res.end(JSON.stringify(body));
      });
    },
  };
}
