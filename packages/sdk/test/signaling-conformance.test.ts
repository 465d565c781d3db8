import { BroadcastChannelSignaling, WebSocketSignaling } from '../src/index.js';
import { defineSignalingConformance } from '../src/testing.js';
import { roomToken, serverUrl } from './helpers/server.js';

defineSignalingConformance('BroadcastChannelSignaling', (role, room) => new BroadcastChannelSignaling({ role, room }), { describe, it });

defineSignalingConformance(
  'WebSocketSignaling',
  async (role, room) => new WebSocketSignaling({ url: await serverUrl(), room, role, token: await roomToken(room, role) }),
  { describe, it },
);
