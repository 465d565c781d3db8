import { expect } from '@esm-bundle/chai';
import { createInvite } from '../src/e2ee/invite.js';
import { SealcallError } from '../src/errors.js';
import { NotificationError } from '../src/notifications/errors.js';
import { OutboxNotifications, type OutboxEntry } from '../src/notifications/outbox.js';
import type { OutgoingInvitation } from '../src/notifications/types.js';
import { WebhookNotifications } from '../src/notifications/webhook.js';
import { renderInvitation } from '../src/templates/render.js';
import { rejection } from './helpers/expect.js';

const secret = Uint8Array.from({ length: 32 }, (_, i) => i + 100);
const link = createInvite('https://claims.example-insurer.eu/call', { room: 'claim-4711', token: 'rt_8fK2mQ9xZp4Lw7Vb', secret });
const secretParam = new URLSearchParams(new URL(link).hash.slice(1)).get('k') as string;

function sms(idempotencyKey: string = crypto.randomUUID()): OutgoingInvitation {
  const rendered = renderInvitation({
    channel: 'sms',
    locale: 'nl',
    variables: {
      organisation: 'Example Insurance',
      link,
      time: new Date('2030-03-14T09:30:00Z'),
      timeZone: 'Europe/Amsterdam',
      privacyUrl: 'https://www.example-insurer.eu/privacy',
      dpoContact: 'privacy@example-insurer.eu',
      retention: { days: 30 },
    },
  });
  return { channel: 'sms', to: '+31612345678', locale: 'nl', idempotencyKey, reference: 'claim 4711', rendered };
}

interface Request {
  readonly url: string;
  readonly init: RequestInit;
  readonly body: string;
}

/** A fake endpoint: records each request and answers with `respond`. No network. */
function endpoint(respond: (request: Request, signal: AbortSignal) => Response | Promise<Response> = () => Response.json({ id: 'msg-1' })) {
  const requests: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const request = { url: String(input), init, body: String(init.body) };
    requests.push(request);
    return respond(request, init.signal as AbortSignal);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}


describe('WebhookNotifications', () => {
  it('POSTs the invitation as JSON: the link in the body, nowhere else', async () => {
    const { fetch, requests } = endpoint();
    const webhook = new WebhookNotifications({ url: 'https://portal.example-insurer.eu/api/invitations', headers: { authorization: 'Bearer agent-token' }, fetch });
    const message = sms('key-1');
    expect(await webhook.send(message)).to.deep.equal({ id: 'msg-1' });

    expect(requests).to.have.length(1);
    const [request] = requests as [Request];
    expect(request.url).to.equal('https://portal.example-insurer.eu/api/invitations');
    expect(request.init.method).to.equal('POST');
    expect(request.init.redirect).to.equal('manual');
    expect(request.init.referrerPolicy).to.equal('no-referrer');
    const headers = new Headers(request.init.headers);
    expect(headers.get('content-type')).to.equal('application/json');
    expect(headers.get('idempotency-key')).to.equal('key-1');
    expect(headers.get('authorization')).to.equal('Bearer agent-token');
    expect(JSON.parse(request.body)).to.deep.equal(message);
    expect(request.body).to.include(secretParam);
    const outsideBody = JSON.stringify({ url: request.url, headers: [...headers] });
    expect(outsideBody).not.to.include(secretParam).and.not.include('#');
  });

  it('uses the idempotency key as the id when the endpoint names none', async () => {
    const { fetch } = endpoint(() => new Response(null, { status: 204 }));
    const webhook = new WebhookNotifications({ url: 'https://portal.example-insurer.eu/hook', fetch });
    expect(await webhook.send(sms('key-2'))).to.deep.equal({ id: 'key-2' });
  });

  it('maps an error status to NOTIFICATION_FAILED, retryable for 5xx and 429 only', async () => {
    for (const [status, retryable] of [[500, true], [503, true], [429, true], [400, false], [401, false], [307, false]] as const) {
      const { fetch } = endpoint(() => new Response(`{"echo":"${link}"}`, { status, headers: status === 307 ? { location: 'https://evil.example/' } : {} }));
      const webhook = new WebhookNotifications({ url: 'https://portal.example-insurer.eu/hook', fetch });
      const error = await rejection(webhook.send(sms()));
      expect(error.code).to.equal('NOTIFICATION_FAILED');
      expect(error).to.be.instanceOf(NotificationError);
      expect((error as NotificationError).retryable, String(status)).to.equal(retryable);
      expect((error as NotificationError).status).to.equal(status);
      expect(error.cause).to.be.instanceOf(Response);
      expect(error.message).not.to.include(secretParam);
    }
  });

  it('retries a failed send with the same key; a delivered one is not sent again', async () => {
    let fail = true;
    const { fetch, requests } = endpoint(() => (fail ? new Response(null, { status: 502 }) : Response.json({ id: 'msg-9' })));
    const webhook = new WebhookNotifications({ url: 'https://portal.example-insurer.eu/hook', fetch });
    const message = sms();
    await rejection(webhook.send(message));
    fail = false;
    expect(await webhook.send(message)).to.deep.equal({ id: 'msg-9' });
    expect(await webhook.send(message)).to.deep.equal({ id: 'msg-9' });
    expect(requests).to.have.length(2);
  });

  it('gives up after timeoutMs: the request is aborted and the send fails, retryable', async () => {
    let aborted = false;
    const { fetch } = endpoint(
      (_, signal) =>
        new Promise<Response>((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(signal.reason);
          }),
        ),
    );
    const webhook = new WebhookNotifications({ url: 'https://portal.example-insurer.eu/hook', fetch, timeoutMs: 50 });
    const started = performance.now();
    const error = (await rejection(webhook.send(sms()))) as NotificationError;
    expect(performance.now() - started).to.be.below(2000);
    expect(aborted).to.equal(true);
    expect(error.code).to.equal('NOTIFICATION_FAILED');
    expect(error.retryable).to.equal(true);
    expect(error.message).to.include('50 ms');
    expect(error.cause).to.be.instanceOf(DOMException);
  });

  it('maps an unreachable endpoint to NOTIFICATION_FAILED with the cause', async () => {
    const cause = new TypeError('Failed to fetch');
    const webhook = new WebhookNotifications({ url: 'https://portal.example-insurer.eu/hook', fetch: () => Promise.reject(cause) });
    const error = (await rejection(webhook.send(sms()))) as NotificationError;
    expect(error.code).to.equal('NOTIFICATION_FAILED');
    expect(error.retryable).to.equal(true);
    expect(error.cause).to.equal(cause);
  });

  it('refuses an endpoint that is not https (http only on localhost) or carries credentials', () => {
    const { fetch } = endpoint();
    for (const url of ['http://example.com/hook', 'ftp://example.com/', 'javascript:alert(1)', 'https://user:pw@example.com/hook']) {
      let error: unknown;
      try {
        new WebhookNotifications({ url, fetch });
      } catch (e) {
        error = e;
      }
      expect(error, url).to.be.instanceOf(SealcallError);
      expect((error as SealcallError).code).to.equal('INVALID_ARGUMENT');
      expect((error as SealcallError).message).not.to.include('pw');
    }
    for (const url of ['http://localhost:8080/hook', 'http://127.0.0.1/hook', 'https://example.com/hook']) new WebhookNotifications({ url, fetch });
    expect(() => new WebhookNotifications({ url: 'https://example.com/', fetch, timeoutMs: 0 })).to.throw(SealcallError);
  });

  it('resolves a relative endpoint against the page', async () => {
    const { fetch, requests } = endpoint();
    await new WebhookNotifications({ url: '/api/invitations', fetch }).send(sms());
    expect(requests[0]?.url).to.equal(new URL('/api/invitations', location.href).href);
  });

  it('sends nothing for an invalid invitation', async () => {
    const { fetch, requests } = endpoint();
    const webhook = new WebhookNotifications({ url: 'https://portal.example-insurer.eu/hook', fetch });
    const error = await rejection(webhook.send({ ...sms(), to: '0612345678' }));
    expect(error.code).to.equal('INVALID_ARGUMENT');
    expect(error.message).to.include('"to"').and.not.include('0612345678');
    expect(requests).to.have.length(0);
  });
});

describe('OutboxNotifications', () => {
  it('keeps what would be sent, tells onSend, and clears', async () => {
    const seen: OutboxEntry[] = [];
    const outbox = new OutboxNotifications({ onSend: (entry) => void seen.push(entry) });
    const message = sms();
    const { id } = await outbox.send(message);
    expect(outbox.messages).to.have.length(1);
    const [entry] = outbox.messages as [OutboxEntry];
    expect(entry.id).to.equal(id);
    expect(entry.message).to.deep.equal(message);
    expect(entry.sentAt).to.be.instanceOf(Date);
    expect(seen).to.deep.equal([entry]);
    outbox.clear();
    expect(outbox.messages).to.deep.equal([]);
  });

  it('keeps a copy: later changes to the message or the list do not reach it', async () => {
    const outbox = new OutboxNotifications();
    const message = sms() as { rendered: { text: string } } & OutgoingInvitation;
    await outbox.send(message);
    message.rendered.text = 'changed';
    (outbox.messages as OutboxEntry[]).length = 0;
    expect(outbox.messages[0]?.message.rendered.text).to.include(link);
  });

  it('records one message per idempotency key', async () => {
    const outbox = new OutboxNotifications();
    const message = sms();
    const ids = await Promise.all([outbox.send(message), outbox.send(message), outbox.send(message)]);
    expect(new Set(ids.map((r) => r.id)).size).to.equal(1);
    expect(outbox.messages).to.have.length(1);
  });

  it('fails with NOTIFICATION_FAILED and keeps nothing when onSend throws', async () => {
    const boom = new Error('provider down');
    const outbox = new OutboxNotifications({
      onSend: () => {
        throw boom;
      },
    });
    const error = (await rejection(outbox.send(sms()))) as NotificationError;
    expect(error.code).to.equal('NOTIFICATION_FAILED');
    expect(error.retryable).to.equal(false);
    expect(error.cause).to.equal(boom);
    expect(outbox.messages).to.have.length(0);
  });
});
