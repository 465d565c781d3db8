import { isCustomerAbsenceReason } from '@sealcall/protocol';
import { SealcallError } from '../errors.js';
import { isObject, isString, type JsonObject } from '../internal/validate.js';
import type { PeerMessage } from './peer-message.js';
import { SignalingBase } from './signaling-base.js';
import type { CustomerAbsenceReason, JoinResult, Participant, Role, SignalingAdapter } from './types.js';

export interface BroadcastChannelSignalingOptions {
  room: string;
  role: Role;
  /** Prefix of the channel name; the room is appended. Default `sealcall`. */
  channelPrefix?: string;
}

type Envelope =
  | { type: 'hello'; from: string }
  | { type: 'knock'; from: string }
  | { type: 'admit'; from: string; to: string }
  | { type: 'reject'; from: string; to: string }
  | { type: 'peer'; from: string; to: string; message: PeerMessage }
  | { type: 'leave'; from: string }
  | { type: 'absent'; from: string; reason: CustomerAbsenceReason };

const envelopeTypes = new Set(['hello', 'knock', 'admit', 'reject', 'peer', 'leave', 'absent']);

/**
 * Signaling between tabs of one origin over a BroadcastChannel, with no server: for demos,
 * tests and kiosk set-ups. The agent's tab plays the lobby: customers knock, the agent admits.
 * There is no access control: anything running on the same origin can join the room.
 */
export class BroadcastChannelSignaling extends SignalingBase implements SignalingAdapter {
  readonly #channelName: string;
  readonly #self: Participant;
  #channel: BroadcastChannel | undefined;
  #peer: Participant | null = null;
  readonly #waiting = new Set<string>();

  constructor(options: BroadcastChannelSignalingOptions) {
    super(options.room, options.role);
    this.#channelName = `${options.channelPrefix ?? 'sealcall'}:${options.room}`;
    this.#self = { participantId: crypto.randomUUID(), role: options.role };
  }

  async connect(): Promise<JoinResult> {
    if (this.state !== 'idle') throw new SealcallError('INVALID_STATE', `connect() may be called once; the adapter is ${this.state}.`);
    this.setState('connecting');
    this.#channel = new BroadcastChannel(this.#channelName);
    this.#channel.onmessage = (event: MessageEvent<unknown>) => this.#receive(event.data);
    const result: JoinResult = { self: this.#self, admitted: this.role === 'agent', peer: null };
    this.joined(result);
    this.#post({ type: this.role === 'agent' ? 'hello' : 'knock', from: this.#self.participantId });
    return result;
  }

  /** Tells an agent's tab in the room why this customer is not coming. */
  async absent(reason: CustomerAbsenceReason): Promise<void> {
    if (this.state !== 'idle') throw new SealcallError('INVALID_STATE', `absent() is instead of connect(); the adapter is ${this.state}.`);
    const channel = new BroadcastChannel(this.#channelName);
    channel.postMessage(JSON.stringify({ type: 'absent', from: this.#self.participantId, reason }));
    channel.close();
    this.setState('closed');
  }

  send(message: PeerMessage): void {
    const text = this.encodeOutgoing(message);
    if (!this.#peer) return;
    this.#post({ type: 'peer', from: this.#self.participantId, to: this.#peer.participantId, message: JSON.parse(text) as PeerMessage });
  }

  admit(participantId: string): void {
    this.#requireAgentWith(participantId);
    this.#waiting.delete(participantId);
    this.#peer = { participantId, role: 'customer' };
    this.#post({ type: 'admit', from: this.#self.participantId, to: participantId });
    this.emit('peer-joined', { peer: this.#peer });
  }

  reject(participantId: string): void {
    this.#requireAgentWith(participantId);
    this.#waiting.delete(participantId);
    this.#post({ type: 'reject', from: this.#self.participantId, to: participantId });
  }

  close(): void {
    if (this.state === 'closed') return;
    if (this.#channel) this.#post({ type: 'leave', from: this.#self.participantId });
    this.#shutDown();
  }

  #shutDown(): void {
    this.#channel?.close();
    this.#channel = undefined;
    this.setState('closed');
  }

  #requireAgentWith(participantId: string): void {
    if (this.role !== 'agent') throw new SealcallError('INVALID_STATE', 'Only the agent admits or rejects customers.');
    if (!this.#waiting.has(participantId)) {
      throw new SealcallError('INVALID_ARGUMENT', `No customer ${participantId} is waiting in the lobby.`);
    }
  }

  #post(envelope: Envelope): void {
    this.#channel?.postMessage(JSON.stringify(envelope));
  }

  #receive(data: unknown): void {
    const envelope = this.parseInbound(data);
    if (envelope === undefined) return;
    if (!isEnvelope(envelope)) {
      this.reportBadMessage('an envelope of unknown type or bad shape');
      return;
    }
    if ('to' in envelope && envelope.to !== this.#self.participantId) return;
    this.#handle(envelope);
  }

  #handle(envelope: JsonObject & { type: string; from: string }): void {
    const from = envelope.from;
    switch (envelope.type) {
      case 'hello':
        if (this.role === 'customer' && !this.#peer) this.#post({ type: 'knock', from: this.#self.participantId });
        return;
      case 'knock':
        if (this.role !== 'agent') return;
        if (this.#peer && this.#peer.participantId !== from) {
          this.#post({ type: 'reject', from: this.#self.participantId, to: from });
        } else if (!this.#peer && !this.#waiting.has(from)) {
          this.#waiting.add(from);
          this.emit('knock', { participantId: from });
        }
        return;
      case 'admit':
        if (this.role !== 'customer' || this.#peer) return;
        this.#peer = { participantId: from, role: 'agent' };
        this.emit('admitted', { peer: this.#peer });
        this.emit('peer-joined', { peer: this.#peer });
        return;
      case 'reject':
        if (this.role !== 'customer') return;
        this.emit('rejected', {});
        this.#shutDown();
        return;
      case 'peer':
        if (this.#peer?.participantId === from) this.deliver(from, envelope.message);
        return;
      case 'absent':
        if (this.role === 'agent' && !this.#peer && isCustomerAbsenceReason(envelope.reason)) this.emit('peer-absent', { reason: envelope.reason });
        return;
      case 'leave':
        this.#waiting.delete(from);
        if (this.#peer?.participantId === from) {
          this.#peer = null;
          this.emit('peer-left', { participantId: from, reason: 'left' });
        }
        return;
    }
  }
}

function isEnvelope(value: unknown): value is JsonObject & { type: string; from: string } {
  if (!isObject(value) || !isString(value.type) || !envelopeTypes.has(value.type) || !isString(value.from)) return false;
  return value.to === undefined || isString(value.to);
}
