/**
 * Ephemeral X25519 key pairs for the key agreement. WebCrypto where the browser has it (the
 * private key is a non-extractable CryptoKey that no script can read out); @noble/curves
 * otherwise, loaded only then.
 */

export type X25519Backend = 'webcrypto' | 'noble';

export interface X25519KeyPair {
  readonly publicKey: Uint8Array;
  /** The raw shared secret with `peerPublicKey`; rejects for invalid and low-order keys. */
  sharedSecret(peerPublicKey: Uint8Array): Promise<Uint8Array>;
  /** Forgets the private key. */
  destroy(): void;
}

const X25519 = { name: 'X25519' } as const;

/** 'webcrypto' if this browser generates X25519 keys in WebCrypto, else 'noble'. */
export async function detectX25519(): Promise<X25519Backend> {
  try {
    await crypto.subtle.generateKey(X25519, false, ['deriveBits']);
    return 'webcrypto';
  } catch {
    return 'noble';
  }
}

export function generateKeyPair(backend: X25519Backend): Promise<X25519KeyPair> {
  return backend === 'webcrypto' ? webCryptoKeyPair() : nobleKeyPair();
}

async function webCryptoKeyPair(): Promise<X25519KeyPair> {
  const pair = (await crypto.subtle.generateKey(X25519, false, ['deriveBits'])) as CryptoKeyPair;
  let privateKey: CryptoKey | undefined = pair.privateKey;
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    publicKey,
    async sharedSecret(peerPublicKey) {
      if (!privateKey) throw new Error('The X25519 key pair was destroyed.');
      const peer = await crypto.subtle.importKey('raw', peerPublicKey.slice(), X25519, false, []);
      return new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: peer }, privateKey, 256));
    },
    destroy() {
      privateKey = undefined;
    },
  };
}

async function nobleKeyPair(): Promise<X25519KeyPair> {
  const { x25519 } = await import('@noble/curves/ed25519.js');
  const { secretKey, publicKey } = x25519.keygen();
  let destroyed = false;
  return {
    publicKey,
    async sharedSecret(peerPublicKey) {
      if (destroyed) throw new Error('The X25519 key pair was destroyed.');
      return x25519.getSharedSecret(secretKey, peerPublicKey);
    },
    destroy() {
      destroyed = true;
      secretKey.fill(0);
    },
  };
}
