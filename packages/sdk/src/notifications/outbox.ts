import { NotificationError } from './errors.js';
import { IdempotentSends } from './idempotency.js';
import type { NotificationAdapter, OutgoingInvitation, SendResult } from './types.js';
import { assertOutgoingInvitation } from './validate.js';

export interface OutboxEntry {
  readonly id: string;
  readonly sentAt: Date;
  readonly message: OutgoingInvitation;
}

export interface OutboxNotificationsOptions {
  /**
   * Called with each new message, before it is kept: show it in your demo. If it throws (or
   * rejects), the send fails with NOTIFICATION_FAILED and nothing is kept, which is how a test
   * plays a provider that refuses.
   */
  onSend?: (entry: OutboxEntry) => void | Promise<void>;
}

/**
 * Sends nothing: keeps each message in memory to show what would be sent. For development and
 * tests only; the messages hold live invitation links.
 */
export class OutboxNotifications implements NotificationAdapter {
  readonly #entries: OutboxEntry[] = [];
  readonly #sends = new IdempotentSends();
  readonly #onSend: OutboxNotificationsOptions['onSend'];

  constructor(options: OutboxNotificationsOptions = {}) {
    this.#onSend = options.onSend;
  }

  /** What was sent, oldest first. */
  get messages(): readonly OutboxEntry[] {
    return [...this.#entries];
  }

  clear(): void {
    this.#entries.length = 0;
    this.#sends.clear();
  }

  async send(message: OutgoingInvitation): Promise<SendResult> {
    assertOutgoingInvitation(message);
    return this.#sends.run(message.idempotencyKey, async () => {
      const entry: OutboxEntry = { id: crypto.randomUUID(), sentAt: new Date(), message: structuredClone(message) };
      try {
        await this.#onSend?.(entry);
      } catch (error) {
        if (error instanceof NotificationError) throw error;
        throw new NotificationError('The outbox refused the message (onSend threw).', { retryable: false, cause: error });
      }
      this.#entries.push(entry);
      return { id: entry.id };
    });
  }
}
