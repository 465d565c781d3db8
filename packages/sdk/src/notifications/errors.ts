import { SealcallError } from '../errors.js';

export interface NotificationErrorOptions {
  /** True when sending the same invitation again (same idempotency key) may succeed. */
  readonly retryable: boolean;
  /** The HTTP status, when an endpoint answered. */
  readonly status?: number;
  readonly cause?: unknown;
}

/**
 * NOTIFICATION_FAILED: the invitation was not handed over. Its message never repeats the
 * invitation, the recipient or the link.
 */
export class NotificationError extends SealcallError {
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(message: string, options: NotificationErrorOptions) {
    super('NOTIFICATION_FAILED', message, { cause: options.cause });
    this.retryable = options.retryable;
    this.status = options.status;
  }
}
