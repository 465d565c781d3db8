import type { InvitationChannel, RenderedInvitations } from '../templates/types.js';

interface OutgoingFields<C extends InvitationChannel> {
  readonly channel: C;
  /** An email address for email; an E.164 phone number ("+31612345678") for SMS and WhatsApp. */
  readonly to: string;
  /** The BCP 47 tag the message was rendered in. */
  readonly locale: string;
  /**
   * Names this invitation: sending it again with the same key (a retry after a timeout, a double
   * click) delivers nothing new. 1 to 128 of A-Z a-z 0-9 . _ : -; `crypto.randomUUID()` fits.
   */
  readonly idempotencyKey: string;
  /** Your own reference (a claim or case number), passed through untouched. Not personal data. */
  readonly reference?: string;
  /** What `renderInvitation()` returned for the channel. */
  readonly rendered: RenderedInvitations[C];
}

/** One invitation, ready to send. It carries the link, and so the call secret: treat it as one. */
export type OutgoingInvitation = { [C in InvitationChannel]: OutgoingFields<C> }[InvitationChannel];

export interface SendResult {
  /** The sender's id for the message: the same for every send of one idempotency key. */
  readonly id: string;
}

/**
 * How an invitation leaves: your email, SMS or WhatsApp provider, usually behind your own back
 * end. The contract every implementation keeps (and `defineNotificationConformance` checks):
 *
 * - Delivery: `send()` resolves once the message is handed over (accepted by the provider or
 *   your endpoint), with an id; the message arrives whole: the rendered text unchanged, the link
 *   with its fragment.
 * - Idempotency: a second `send()` with the same `idempotencyKey`, concurrent or later, delivers
 *   nothing new and resolves with the first id. A failed send does not count: it may be retried
 *   with the same key.
 * - Validation: a message that is not a valid OutgoingInvitation (see assertOutgoingInvitation)
 *   rejects with INVALID_ARGUMENT before anything is sent.
 * - Failure: anything else that stops the hand-over rejects with a NotificationError
 *   (NOTIFICATION_FAILED) whose `retryable` says whether a retry may help, with the underlying
 *   error as `cause`.
 * - Secrecy: the link's fragment holds the call secret. It goes in the message and nowhere else:
 *   not in a URL or query string, not in a header, not in an error message, and never in a log.
 *   Nothing here logs the message, the recipient or the link.
 */
export interface NotificationAdapter {
  send(message: OutgoingInvitation): Promise<SendResult>;
}
