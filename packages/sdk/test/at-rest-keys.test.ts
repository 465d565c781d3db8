import { expect } from '@esm-bundle/chai';
import { deleteDB, openDB } from 'idb';
import { SealcallError } from '../src/errors.js';
import { ArtifactVault } from '../src/at-rest/artifact-vault.js';
import { DeviceKeyProvider } from '../src/at-rest/device-key-provider.js';
import { RecipientKeyProvider } from '../src/at-rest/recipient-key-provider.js';
import type { ArtifactDraft } from '../src/at-rest/types.js';
import { MemoryStorage } from '../src/storage/memory-storage.js';
import { expectCode } from './helpers/expect.js';

const run = crypto.randomUUID();
const dataKey = () => crypto.getRandomValues(new Uint8Array(32));
const context = (artifactId = crypto.randomUUID()) => ({ artifactId });

const draft = (): ArtifactDraft => ({
  callId: 'call-1',
  subjectId: 'subject-1',
  kind: 'picture',
  mimeType: 'image/jpeg',
  expiresAt: Date.now() + 86_400_000,
  consentRef: null,
});


async function readText(vault: ArtifactVault, id: string): Promise<string> {
  return new Response((await vault.read(id)).stream).text();
}

async function writeText(vault: ArtifactVault, text: string, keyProvider?: RecipientKeyProvider): Promise<string> {
  const writer = await vault.write({ meta: draft(), ...(keyProvider ? { keyProvider } : {}) });
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  return writer.id;
}

describe('DeviceKeyProvider', () => {
  const databaseName = `sealcall-keys-test-${run}`;
  const provider = new DeviceKeyProvider({ databaseName });
  after(async () => {
    provider.close();
    await deleteDB(databaseName);
  });

  it('wraps and unwraps a data key, bound to the artifact', async () => {
    const key = dataKey();
    const ctx = context();
    const wrapped = await provider.wrap(key, ctx);
    expect(wrapped).to.have.length(77);
    expect(await provider.unwrap(wrapped, ctx)).to.deep.equal(key);
    expect(await provider.wrap(key, ctx)).to.not.deep.equal(wrapped);
    await expectCode(() => provider.unwrap(wrapped, context()), 'ARTIFACT_CORRUPT');
    const altered = wrapped.slice();
    altered[40] = (altered[40] as number) ^ 1;
    await expectCode(() => provider.unwrap(altered, ctx), 'ARTIFACT_CORRUPT');
    await expectCode(() => provider.unwrap(wrapped.subarray(0, 70), ctx), 'ARTIFACT_CORRUPT');
  });

  it('keeps a non-extractable AES-GCM key in IndexedDB, never its bytes', async () => {
    await provider.wrap(dataKey(), context());
    const db = await openDB(databaseName);
    const record = (await db.get('keys', 'default')) as { key: CryptoKey; keyId: Uint8Array };
    db.close();
    expect(record.key).to.be.instanceOf(CryptoKey);
    expect(record.key.extractable).to.equal(false);
    expect(record.key.algorithm).to.deep.equal({ name: 'AES-GCM', length: 256 });
    expect([...record.key.usages].sort()).to.deep.equal(['decrypt', 'encrypt']);
    let exported = false;
    try {
      await crypto.subtle.exportKey('raw', record.key);
      exported = true;
    } catch {
      // InvalidAccessError: what non-extractable means.
    }
    expect(exported).to.equal(false);
  });

  it('reads as ARTIFACT_KEY_UNAVAILABLE on another device (another key store)', async () => {
    const ctx = context();
    const wrapped = await provider.wrap(dataKey(), ctx);
    const elsewhere = new DeviceKeyProvider({ databaseName: `${databaseName}-elsewhere` });
    try {
      await expectCode(() => elsewhere.unwrap(wrapped, ctx), 'ARTIFACT_KEY_UNAVAILABLE');
    } finally {
      elsewhere.close();
      await deleteDB(`${databaseName}-elsewhere`);
    }
  });

  it('destroy() makes everything it wrapped ARTIFACT_KEY_DESTROYED, through the vault too; a new key follows', async () => {
    const keyName = 'to-destroy';
    const doomed = new DeviceKeyProvider({ databaseName, keyName });
    const vault = new ArtifactVault({ storage: new MemoryStorage(), keyProviders: [doomed] });
    const id = await writeText(vault, 'evidence');
    expect(await readText(vault, id)).to.equal('evidence');
    const ctx = context();
    const wrapped = await doomed.wrap(dataKey(), ctx);

    // Another tab's instance: nothing is cached, so it stops working at once too.
    const otherTab = new DeviceKeyProvider({ databaseName, keyName });
    await otherTab.destroy();
    await otherTab.destroy();
    otherTab.close();

    await expectCode(() => doomed.unwrap(wrapped, ctx), 'ARTIFACT_KEY_DESTROYED');
    await expectCode(() => vault.read(id), 'ARTIFACT_KEY_DESTROYED');
    const fresh = dataKey();
    const again = context();
    expect(await doomed.unwrap(await doomed.wrap(fresh, again), again)).to.deep.equal(fresh);
    await expectCode(() => doomed.unwrap(wrapped, ctx), 'ARTIFACT_KEY_DESTROYED');
    doomed.close();
  });

  it('checks its input like noble', async () => {
    await expectCode(() => provider.wrap(new Uint8Array(16), context()), 'INVALID_ARGUMENT');
    await expectCode(() => provider.wrap(dataKey(), { artifactId: '' }), 'INVALID_ARGUMENT');
    await expectCode(() => provider.unwrap('key' as unknown as Uint8Array, context()), 'INVALID_ARGUMENT');
  });
});

describe('RecipientKeyProvider', () => {
  const backOffice = RecipientKeyProvider.generateKeyPair();

  it('wraps with the public key only; only the private key unwraps', async () => {
    const agent = new RecipientKeyProvider(backOffice.publicKey);
    const holder = RecipientKeyProvider.forPrivateKey(backOffice.privateKey);
    expect(agent.id).to.equal(holder.id).and.match(/^x25519:[A-Za-z0-9_-]{16}$/);
    expect([agent.canUnwrap, holder.canUnwrap]).to.deep.equal([false, true]);
    const key = dataKey();
    const ctx = context();
    const wrapped = await agent.wrap(key, ctx);
    expect(wrapped).to.have.length(81);
    await expectCode(() => agent.unwrap(wrapped, ctx), 'ARTIFACT_KEY_UNAVAILABLE');
    expect(await holder.unwrap(wrapped, ctx)).to.deep.equal(key);
    expect(await agent.wrap(key, ctx)).to.not.deep.equal(wrapped);
  });

  it('refuses another artifact, another recipient and altered bytes with ARTIFACT_CORRUPT', async () => {
    const holder = RecipientKeyProvider.forPrivateKey(backOffice.privateKey);
    const stranger = RecipientKeyProvider.forPrivateKey(RecipientKeyProvider.generateKeyPair().privateKey, { id: holder.id });
    const ctx = context();
    const wrapped = await holder.wrap(dataKey(), ctx);
    await expectCode(() => holder.unwrap(wrapped, context()), 'ARTIFACT_CORRUPT');
    await expectCode(() => stranger.unwrap(wrapped, ctx), 'ARTIFACT_CORRUPT');
    for (const index of [0, 5, 40, 80]) {
      const altered = wrapped.slice();
      altered[index] = (altered[index] as number) ^ 1;
      await expectCode(() => holder.unwrap(altered, ctx), 'ARTIFACT_CORRUPT');
    }
    const lowOrder = wrapped.slice();
    lowOrder.set(new Uint8Array(32), 1);
    await expectCode(() => holder.unwrap(lowOrder, ctx), 'ARTIFACT_CORRUPT');
  });

  it("lets the agent's browser store evidence it cannot read back, and the back office read it", async () => {
    const storage = new MemoryStorage();
    const agentVault = new ArtifactVault({ storage, keyProviders: [new RecipientKeyProvider(backOffice.publicKey)] });
    const id = await writeText(agentVault, 'photo of the damage');
    await expectCode(() => agentVault.read(id), 'ARTIFACT_KEY_UNAVAILABLE');
    const backOfficeVault = new ArtifactVault({ storage, keyProviders: [RecipientKeyProvider.forPrivateKey(backOffice.privateKey)] });
    expect(await readText(backOfficeVault, id)).to.equal('photo of the damage');
    await backOfficeVault.destroyArtifactKey(id);
    await expectCode(() => backOfficeVault.read(id), 'ARTIFACT_KEY_DESTROYED');
  });

  it('checks its keys like noble', () => {
    const invalid = (action: () => unknown) => expect(action).to.throw(SealcallError).with.property('code', 'INVALID_ARGUMENT');
    invalid(() => new RecipientKeyProvider(new Uint8Array(31)));
    invalid(() => new RecipientKeyProvider(new Uint8Array(32)));
    invalid(() => RecipientKeyProvider.forPrivateKey(new Uint8Array(16)));
  });
});
