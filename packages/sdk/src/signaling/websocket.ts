import { CloseCode, FINAL_CLOSE_CODES, parseServerMessage, roomPath, type ServerMessage } from '@sealcall/protocol';
import { SealcallError } from '../errors.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { PeerMessage } from './peer-message.js';
import { refusalCode } from './refusal-codes.js';
import { SignalingBase } from './signaling-base.js';
import type { CustomerAbsenceReason, JoinResult, Role, SignalingAdapter } from './types.js';

export interface WebSocketSignalingOptions {
  /** Base URL of the reference server, e.g. `wss://signal.example.eu`. */
  url: string;
  room: string;
  role: Role;
  /** A room token minted by your back end with `createRoomToken()`. */
  token: string;
  /**
   * The newest resume token `onResumeToken` saved for this participant: joins with it instead of
   * `token`, taking the participant's place in the room again (after a page reload, say).
   */
  resumeToken?: string;
  /**
   * Called with each resume token the server issues. Keep the newest (in `sessionStorage`, say)
   * and pass it as `resumeToken` to rejoin the same call after a reload; only the newest works.
   */
  onResumeToken?: (token: string) => void;
  reconnect?: BackoffOptions & {
    /** Attempts after a drop before giving up. Default 30. */
    maxAttempts?: number;
  };
  /** Messages kept while reconnecting; the oldest is dropped (and reported) past it. Default 256. */
  maxQueuedMessages?: number;
}

/**
 * Signaling through the Sealcall reference server (docs/protocol.md). Reconnects on its own
 * after a drop, with backoff and jitter, resuming its place in the room with the server's
 * resume token, so a customer's single-use room token is never needed twice.
 */
export class WebSocketSignaling extends SignalingBase implements SignalingAdapter {
  readonly #options: WebSocketSignalingOptions;
  #socket: WebSocket | undefined;
  #resumeToken: string | undefined;
  #joinedOnce = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #queue: string[] = [];
  #lastServerError: ServerMessage & { type: 'error' } | undefined;
  #pendingJoin: { resolve: (r: JoinResult) => void; reject: (e: SealcallError) => void } | undefined;

  constructor(options: WebSocketSignalingOptions) {
    super(options.room, options.role);
    if (!/^wss?:\/\//.test(options.url)) {
      throw new SealcallError('INVALID_ARGUMENT', `"url" expected a ws:// or wss:// URL, got ${JSON.stringify(options.url)}`);
    }
    this.#options = options;
    this.#resumeToken = options.resumeToken;
  }

  /** Tells the agent why this customer is not coming; settles when the server has heard it (at most 5 s). */
  absent(reason: CustomerAbsenceReason): Promise<void> {
    if (this.state !== 'idle') return Promise.reject(new SealcallError('INVALID_STATE', `absent() is instead of connect(); the adapter is ${this.state}.`));
    this.setState('closed');
    const socket = new WebSocket(this.#url());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new SealcallError('SIGNALING_UNREACHABLE', `The signaling server at ${this.#options.url} did not confirm within 5 s that it told the agent why you are not coming.`));
        socket.close(1000);
      }, 5000);
      socket.onopen = () => socket.send(JSON.stringify({ type: 'absent', token: this.#options.token, reason }));
      socket.onmessage = (event: MessageEvent<unknown>) => {
        const value = this.parseInbound(event.data);
        const message = value === undefined ? undefined : parseServerMessage(value);
        if (message?.ok && message.value.type === 'error') {
          clearTimeout(timer);
          socket.close(1000);
          reject(new SealcallError(refusalCode(message.value.code) ?? 'SIGNALING_SERVER_ERROR', `The signaling server did not pass on why you are not coming: ${message.value.message}`));
        }
      };
      socket.onclose = (event: CloseEvent) => {
        clearTimeout(timer);
        // The server's own close after it passed the news on; any other close is a failure.
        if (event.code === CloseCode.left && event.reason === 'absent') resolve();
        else reject(new SealcallError('SIGNALING_UNREACHABLE', `Could not tell the signaling server at ${this.#options.url} why you are not coming (close code ${event.code}).`));
      };
    });
  }

  connect(): Promise<JoinResult> {
    if (this.state !== 'idle') return Promise.reject(new SealcallError('INVALID_STATE', `connect() may be called once; the adapter is ${this.state}.`));
    this.setState('connecting');
    return new Promise((resolve, reject) => {
      this.#pendingJoin = { resolve, reject };
      this.#open();
    });
  }

  send(message: PeerMessage): void {
    const text = `{"type":"signal","data":${this.encodeOutgoing(message)}}`;
    if (this.state === 'open' && this.#socket?.readyState === WebSocket.OPEN) {
      this.#socket.send(text);
      return;
    }
    this.#queue.push(text);
    const max = this.#options.maxQueuedMessages ?? 256;
    if (this.#queue.length > max) {
      this.#queue.shift();
      this.emit('error', { error: new SealcallError('SIGNALING_CLOSED', `More than ${max} messages queued while reconnecting: dropped the oldest.`) });
    }
  }

  admit(participantId: string): void {
    this.#control({ type: 'admit', participantId });
  }

  reject(participantId: string): void {
    this.#control({ type: 'reject', participantId });
  }

  close(): void {
    if (this.state === 'closed') return;
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send('{"type":"leave"}');
    this.#finish();
  }

  #control(message: { type: 'admit' | 'reject'; participantId: string }): void {
    if (this.role !== 'agent') throw new SealcallError('INVALID_STATE', 'Only the agent admits or rejects customers.');
    if (this.state !== 'open' || this.#socket?.readyState !== WebSocket.OPEN) {
      throw new SealcallError('INVALID_STATE', `Cannot ${message.type} while signaling is ${this.state}; wait for it to reopen.`);
    }
    this.#socket.send(JSON.stringify(message));
  }

  #open(): void {
    const socket = new WebSocket(this.#url());
    this.#socket = socket;
    this.#lastServerError = undefined;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'join', token: this.#resumeToken ?? this.#options.token }));
    socket.onmessage = (event: MessageEvent<unknown>) => this.#receive(event.data);
    socket.onclose = (event: CloseEvent) => {
      if (socket === this.#socket) this.#dropped(event.code);
    };
  }

  #url(): string {
    return `${this.#options.url.replace(/\/$/, '')}${roomPath(this.room)}`;
  }

  #receive(data: unknown): void {
    const value = this.parseInbound(data);
    if (value === undefined) return;
    const message = parseServerMessage(value);
    if (!message.ok) {
      this.reportBadMessage(`a server message of unknown type or bad shape (${message.reason})`);
      return;
    }
    this.#handle(message.value);
  }

  #handle(message: ServerMessage): void {
    switch (message.type) {
      case 'joined': {
        this.#keepResumeToken(message.resumeToken);
        this.#joinedOnce = true;
        this.#attempt = 0;
        const result: JoinResult = {
          self: { participantId: message.participantId, role: message.role },
          admitted: message.admitted,
          peer: message.peer,
          ...(message.iceServers ? { iceServers: message.iceServers } : {}),
        };
        this.joined(result);
        this.#flush();
        this.#pendingJoin?.resolve(result);
        this.#pendingJoin = undefined;
        return;
      }
      case 'admitted':
        this.#keepResumeToken(message.resumeToken);
        this.emit('admitted', { peer: message.peer });
        return;
      case 'knock':
        this.emit('knock', { participantId: message.participantId });
        return;
      case 'peer-joined':
        this.emit('peer-joined', { peer: message.peer });
        return;
      case 'peer-left':
        this.emit('peer-left', { participantId: message.participantId, reason: message.reason });
        return;
      case 'peer-absent':
        this.emit('peer-absent', { reason: message.reason });
        return;
      case 'signal':
        this.deliver(message.from, message.data);
        return;
      case 'rejected':
        this.emit('rejected', {});
        this.#finish();
        return;
      case 'error':
        this.#lastServerError = message;
        if (refusalCode(message.code) === undefined) {
          this.emit('error', { error: new SealcallError('SIGNALING_SERVER_ERROR', `The signaling server answered ${message.code}: ${message.message}`) });
        }
        return;
    }
  }

  #keepResumeToken(token: string): void {
    this.#resumeToken = token;
    this.#options.onResumeToken?.(token);
  }

  #flush(): void {
    const queued = this.#queue;
    this.#queue = [];
    for (const text of queued) this.#socket?.send(text);
  }

  #dropped(closeCode: number): void {
    if (this.state === 'closed') return;
    const joinedBefore = this.#joinedOnce;
    const maxAttempts = this.#options.reconnect?.maxAttempts ?? 30;
    if (FINAL_CLOSE_CODES.has(closeCode) || !joinedBefore || this.#attempt >= maxAttempts) {
      this.#fail(this.#closeError(closeCode, joinedBefore));
      return;
    }
    this.setState('reconnecting');
    const delay = backoffDelay(this.#attempt++, this.#options.reconnect);
    this.#retryTimer = setTimeout(() => this.#open(), delay);
  }

  #closeError(closeCode: number, joinedBefore: boolean): SealcallError {
    const server = this.#lastServerError;
    const refused = server && refusalCode(server.code);
    if (server && refused) return new SealcallError(refused, `The signaling server refused the room: ${server.message}`);
    if (closeCode === CloseCode.replaced) return new SealcallError('SIGNALING_REPLACED', 'This participant joined again from another connection (another tab, or this page reloaded); this one was closed.');
    if (closeCode === CloseCode.rejected) return new SealcallError('SIGNALING_REJECTED', 'The agent did not admit you to the call.');
    const where = joinedBefore ? `after ${this.#attempt} reconnect attempts` : 'on the first attempt';
    return new SealcallError('SIGNALING_UNREACHABLE', `Could not reach the signaling server at ${this.#options.url} ${where} (close code ${closeCode}). Check the URL and your network.`);
  }

  #fail(error: SealcallError): void {
    const pending = this.#pendingJoin;
    this.#finish();
    if (pending) pending.reject(error);
    else this.emit('error', { error });
  }

  #finish(): void {
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#socket = undefined;
    this.#queue = [];
    this.#pendingJoin = undefined;
    if (socket && socket.readyState < WebSocket.CLOSING) socket.close(1000);
    this.setState('closed');
  }
}
