import { defineNotificationConformance } from '../src/notifications/conformance.js';
import { NotificationError } from '../src/notifications/errors.js';
import { OutboxNotifications } from '../src/notifications/outbox.js';
import type { OutgoingInvitation } from '../src/notifications/types.js';
import { WebhookNotifications } from '../src/notifications/webhook.js';

defineNotificationConformance(
  'OutboxNotifications',
  (farSide) => {
    const outbox = new OutboxNotifications({
      onSend: () => {
        if (farSide === 'refusing') throw new NotificationError('Refused by the test.', { retryable: true });
      },
    });
    return { adapter: outbox, delivered: () => outbox.messages.map((entry) => entry.message) };
  },
  { describe, it },
);

defineNotificationConformance(
  'WebhookNotifications',
  (farSide) => {
    const received: OutgoingInvitation[] = [];
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      if (farSide === 'refusing') return new Response(null, { status: 503 });
      const message = JSON.parse(String(init?.body)) as OutgoingInvitation;
      received.push(message);
      return Response.json({ id: `hook-${received.length}` });
    };
    return { adapter: new WebhookNotifications({ url: 'https://portal.example/api/invitations', fetch }), delivered: () => received };
  },
  { describe, it },
);
