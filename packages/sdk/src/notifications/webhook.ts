import { SealcallError } from '../errors.js';
import { isObject, isString } from '../internal/validate.js';
import { NotificationError } from './errors.js';
import { IdempotentSends } from './idempotency.js';
import type { NotificationAdapter, OutgoingInvitation, SendResult } from './types.js';
import { assertOutgoingInvitation } from './validate.js';

export interface WebhookNotificationsOptions {
  /** Your endpoint: https, or http on localhost. A relative URL resolves against the page. */
  url: string | URL;
  /** Sent with every request, e.g. `{ authorization: 'Bearer …' }`. */
  headers?: Readonly<Record<string, string>>;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** How long to wait for the endpoint's answer. Default 10 000 ms. */
  timeoutMs?: number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const RETRYABLE_STATUS = new Set([408, 425, 429]);

/**
 * Hands each invitation to your own back end, which sends it with your provider: a POST of the
 * OutgoingInvitation as JSON, with an `Idempotency-Key` header. The invitation travels only in
 * the body, never in the URL. Your endpoint answers 2xx, optionally with `{ "id": "…" }` (the
 * idempotency key is the id otherwise); a redirect is refused, so the body cannot be replayed
 * to another address.
 */
export class WebhookNotifications implements NotificationAdapter {
  readonly #url: string;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #fetch: typeof fetch | undefined;
  readonly #timeoutMs: number;
  readonly #sends = new IdempotentSends();

  constructor(options: WebhookNotificationsOptions) {
    this.#url = endpoint(options.url);
    this.#headers = options.headers ?? {};
    this.#fetch = options.fetch;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    if (!Number.isSafeInteger(this.#timeoutMs) || this.#timeoutMs < 1) {
      throw new SealcallError('INVALID_ARGUMENT', `"timeoutMs" expected a positive whole number, got ${String(options.timeoutMs)}`);
    }
  }

  async send(message: OutgoingInvitation): Promise<SendResult> {
    assertOutgoingInvitation(message);
    return this.#sends.run(message.idempotencyKey, () => this.#post(message));
  }

  async #post(message: OutgoingInvitation): Promise<SendResult> {
    const { idempotencyKey, channel, to, locale, reference, rendered } = message;
    const body = JSON.stringify({ idempotencyKey, channel, to, locale, reference, rendered });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    try {
      const init: RequestInit = {
        method: 'POST',
        headers: { ...this.#headers, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body,
        signal: controller.signal,
        redirect: 'manual',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      };
      const response = await (this.#fetch ? this.#fetch(this.#url, init) : fetch(this.#url, init));
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        throw new NotificationError('The notification endpoint answered with a redirect; configure its final URL.', {
          retryable: false,
          status: response.status,
          cause: response,
        });
      }
      if (!response.ok) {
        throw new NotificationError(`The notification endpoint answered ${response.status}.`, {
          retryable: RETRYABLE_STATUS.has(response.status) || response.status >= 500,
          status: response.status,
          cause: response,
        });
      }
      return { id: (await answeredId(response)) ?? idempotencyKey };
    } catch (error) {
      if (error instanceof NotificationError) throw error;
      if (controller.signal.aborted) {
        throw new NotificationError(`The notification endpoint did not answer within ${this.#timeoutMs} ms.`, { retryable: true, cause: error });
      }
      throw new NotificationError('The notification endpoint could not be reached.', { retryable: true, cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}

function endpoint(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url, globalThis.location?.href);
  } catch {
    throw new SealcallError('INVALID_ARGUMENT', '"url" expected an absolute URL (or, in a page, a relative one)');
  }
  if (!(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)))) {
    throw new SealcallError('INVALID_ARGUMENT', `"url" expected an https URL (http only for localhost), got ${parsed.protocol}//${parsed.host}`);
  }
  if (parsed.username || parsed.password) {
    throw new SealcallError('INVALID_ARGUMENT', '"url" expected no user name or password: pass credentials in "headers"');
  }
  return parsed.href;
}

/** The endpoint's `{ "id": "…" }`, if it sent one. A 2xx is a success whatever its body. */
async function answeredId(response: Response): Promise<string | undefined> {
  if (!response.headers.get('content-type')?.includes('json')) return undefined;
  try {
    const body: unknown = await response.json();
    return isObject(body) && isString(body.id) && body.id !== '' ? body.id : undefined;
  } catch {
    return undefined;
  }
}
