import { createInvite } from '../e2ee/invite.js';
import type { TestFunctions } from '../signaling/conformance.js';
import { renderInvitation } from '../templates/render.js';
import type { InvitationVariables } from '../templates/types.js';
import type { NotificationAdapter, OutgoingInvitation } from './types.js';
import { conformanceAsserts, sameJson } from '../internal/conformance-assert.js';

const { check, rejects } = conformanceAsserts('Notification');

/** An adapter under test, and what reached the far side of it (your fake provider or endpoint). */
export interface NotificationHarness {
  readonly adapter: NotificationAdapter;
  /** The invitations the far side accepted, oldest first, as it received them. */
  delivered(): readonly OutgoingInvitation[] | Promise<readonly OutgoingInvitation[]>;
}

/** `accepting`: the far side takes every message. `refusing`: it refuses every one. */
export type NotificationHarnessFactory = (farSide: 'accepting' | 'refusing') => NotificationHarness | Promise<NotificationHarness>;

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

/**
 * Registers the NotificationAdapter contract as tests. Run it against your own adapter, with a
 * fake far side that records what it receives:
 *
 *   defineNotificationConformance('MySmsGateway', (farSide) => myHarness(farSide), { describe, it });
 */
export function defineNotificationConformance(name: string, create: NotificationHarnessFactory, { describe, it }: TestFunctions): void {
  describe(`${name} conforms to NotificationAdapter`, () => {
    it('delivers each channel whole, link and fragment included, and resolves with an id', async () => {
      const { adapter, delivered } = await create('accepting');
      const messages = (['email', 'sms', 'whatsapp'] as const).map((channel) => invitation(channel));
      for (const message of messages) {
        const { id } = await adapter.send(message);
        check(typeof id === 'string' && id !== '', `a non-empty id for ${message.channel}`);
      }
      const received = await delivered();
      check(received.length === messages.length, `${messages.length} deliveries, got ${received.length}`);
      messages.forEach((message, i) => {
        const got = received[i];
        check(got !== undefined && sameJson(got.rendered, message.rendered), `the ${message.channel} message delivered unchanged`);
        check(got?.to === message.to && got.channel === message.channel && got.locale === message.locale, `the ${message.channel} recipient, channel and locale kept`);
        check(JSON.stringify(got).includes(linkOf(message)), `the ${message.channel} link delivered with its fragment`);
      });
    });

    it('sends an idempotency key once, concurrent or repeated, with one id', async () => {
      const { adapter, delivered } = await create('accepting');
      const message = invitation('sms');
      const [first, second] = await Promise.all([adapter.send(message), adapter.send(message)]);
      const third = await adapter.send(message);
      check(first.id === second.id && second.id === third.id, 'the same id for every send of one key');
      check((await delivered()).length === 1, 'one delivery');
      const other = await adapter.send(invitation('sms'));
      check(other.id !== first.id, 'another key gets another id');
      check((await delivered()).length === 2, 'another key is delivered');
    });

    it('refuses an invalid invitation with INVALID_ARGUMENT and sends nothing', async () => {
      const { adapter, delivered } = await create('accepting');
      const valid = invitation('sms');
      const invalid: unknown[] = [
        { ...valid, to: 'not a phone number' },
        { ...invitation('email'), to: '+31612345678' },
        { ...valid, channel: 'pigeon' },
        { ...valid, idempotencyKey: '' },
        { ...valid, rendered: { text: 42 } },
        null,
      ];
      for (const message of invalid) await rejects(() => adapter.send(message as OutgoingInvitation), 'INVALID_ARGUMENT');
      check((await delivered()).length === 0, 'nothing delivered');
    });

    it('a refused delivery rejects with a retryable-or-not NOTIFICATION_FAILED that does not repeat the link', async () => {
      const { adapter, delivered } = await create('refusing');
      const message = invitation('whatsapp');
      for (let attempt = 0; attempt < 2; attempt++) {
        const error = await rejects(() => adapter.send(message), 'NOTIFICATION_FAILED');
        check(typeof (error as { retryable?: unknown }).retryable === 'boolean', 'a boolean "retryable" on the error');
        check(!error.message.includes(secretOf(message)) && !error.message.includes(message.to), 'an error message without the link or the recipient');
      }
      check((await delivered()).length === 0, 'nothing delivered');
    });

    it('logs nothing of the message, delivered or refused', async () => {
      for (const farSide of ['accepting', 'refusing'] as const) {
        const { adapter } = await create(farSide);
        const message = invitation('email');
        const logged = await recordConsole(() => adapter.send(message).catch(() => undefined));
        const leak = logged.find((text) => text.includes(secretOf(message)) || text.includes(message.to));
        check(leak === undefined, `no console output with the link or the recipient (${farSide} far side)`);
      }
    });
  });
}

let counter = 0;

function invitation(channel: OutgoingInvitation['channel']): OutgoingInvitation {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const link = createInvite('https://portal.example/call', { room: `room-${++counter}`, token: `token-${crypto.randomUUID()}`, secret });
  const variables: InvitationVariables = {
    organisation: 'Example Insurance',
    customerName: 'Sam Jansen',
    link,
    time: new Date('2030-03-14T09:30:00Z'),
    timeZone: 'Europe/Amsterdam',
    privacyUrl: 'https://portal.example/privacy',
    dpoContact: 'dpo@portal.example',
    retention: { days: 30 },
  };
  const base = { locale: 'en', idempotencyKey: crypto.randomUUID() };
  switch (channel) {
    case 'email':
      return { ...base, channel: 'email', to: 'sam@customer.example', rendered: renderInvitation({ channel: 'email', locale: 'en', variables }) };
    case 'sms':
      return { ...base, channel: 'sms', to: '+31612345678', rendered: renderInvitation({ channel: 'sms', locale: 'en', variables }) };
    case 'whatsapp':
      return { ...base, channel: 'whatsapp', to: '+31612345678', rendered: renderInvitation({ channel: 'whatsapp', locale: 'en', variables }) };
  }
}

function linkOf(message: OutgoingInvitation): string {
  const match = /https:\/\/portal\.example\/call#\S+/.exec(message.rendered.text);
  if (!match) throw new Error('Notification conformance: the sample message has no link.');
  return match[0];
}

function secretOf(message: OutgoingInvitation): string {
  return new URLSearchParams(new URL(linkOf(message)).hash.slice(1)).get('k') ?? '';
}

async function recordConsole(action: () => Promise<unknown>): Promise<string[]> {
  const logged: string[] = [];
  const originals = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const method of CONSOLE_METHODS) console[method] = (...args: unknown[]) => void logged.push(args.map(describeArg).join(' '));
  try {
    await action();
  } finally {
    for (const [method, original] of originals) console[method] = original as never;
  }
  return logged;
}

function describeArg(arg: unknown): string {
  if (arg instanceof Error) return `${arg.message} ${describeArg(arg.cause)}`;
  try {
    return typeof arg === 'string' ? arg : JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}
