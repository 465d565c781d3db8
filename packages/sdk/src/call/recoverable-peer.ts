// simple-peer ships no types: the published declarations keep this reference to ours (in src/).
/// <reference path="../types/simple-peer.d.ts" preserve="true" />
import SimplePeer from '@thaunknown/simple-peer';

/**
 * simple-peer, except that a failed ICE agent or connection is not destroyed: the SDK restarts
 * ICE instead (W3C WebRTC: `restartIce()` is how a failed connection recovers). simple-peer
 * 9.12 destroys the peer in these two handlers; everything else they do is kept.
 */
export class RecoverablePeer extends SimplePeer {
  protected override _onConnectionStateChange(): void {
    if (this._pc.connectionState !== 'failed') super._onConnectionStateChange();
  }

  protected override _onIceStateChange(): void {
    if (this._pc.iceConnectionState !== 'failed') return super._onIceStateChange();
    if (!this.destroyed) this.emit('iceStateChange', 'failed', this._pc.iceGatheringState);
  }
}
