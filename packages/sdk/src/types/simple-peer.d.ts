// The part of @thaunknown/simple-peer (which ships no types) that the SDK uses.
declare module '@thaunknown/simple-peer' {
  export type SimplePeerSignal =
    | { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp: string }
    | { type: 'candidate'; candidate: { candidate: string; sdpMLineIndex: number | null; sdpMid: string | null; usernameFragment?: string | null } }
    | { type: 'renegotiate'; renegotiate: true }
    | { type: 'transceiverRequest'; transceiverRequest: { kind: string; init?: RTCRtpTransceiverInit } };

  export interface SimplePeerOptions {
    initiator?: boolean;
    config?: RTCConfiguration;
    stream?: MediaStream;
    trickle?: boolean;
  }

  export default class SimplePeer {
    constructor(options?: SimplePeerOptions);
    readonly destroyed: boolean;
    readonly connected: boolean;
    _pc: RTCPeerConnection;
    signal(data: SimplePeerSignal | { renegotiate: true }): void;
    /** Initiator: makes a new offer (queued behind one in progress). */
    negotiate(): void;
    destroy(error?: Error): void;
    on(event: 'signal', listener: (data: SimplePeerSignal) => void): this;
    on(event: 'stream', listener: (stream: MediaStream) => void): this;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error & { code?: string }) => void): this;
    on(event: 'iceStateChange', listener: (state: RTCIceConnectionState, gathering: RTCIceGatheringState) => void): this;
    emit(event: 'iceStateChange', state: RTCIceConnectionState, gathering: RTCIceGatheringState): boolean;
    removeAllListeners(): this;
    protected _onIceStateChange(): void;
    protected _onConnectionStateChange(): void;
  }
}
