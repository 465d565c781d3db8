import { expect } from '@esm-bundle/chai';
import { ArtifactVault } from '../src/at-rest/artifact-vault.js';
import { SealcallError } from '../src/errors.js';
import { defineStorageConformance } from '../src/storage/conformance.js';
import { storageError } from '../src/storage/errors.js';
import { HybridStorage } from '../src/storage/hybrid-storage.js';
import { MemoryStorage } from '../src/storage/memory-storage.js';
import { assertStorageAllowed } from '../src/storage/policy.js';
import type { ArtifactMetadata, ArtifactWriter, NewArtifact, StorageAdapter } from '../src/storage/types.js';
import { DAY, newArtifact } from './helpers/artifacts.js';


defineStorageConformance(
  'HybridStorage(MemoryStorage, MemoryStorage)',
  () => new HybridStorage({ metadata: new MemoryStorage(), content: new MemoryStorage({ region: 'eu-central', location: 'own-servers' }) }),
  { describe, it },
);

/** A MemoryStorage whose next chunk, finish or begin fails once when told to: a crash between two steps. */
class Flaky extends MemoryStorage {
  failNext: 'chunk' | 'finish' | 'begin' | 'metadata' | undefined;

  override async beginArtifact(artifact: NewArtifact): Promise<ArtifactWriter> {
    this.#maybeFail('begin');
    const writer = await super.beginArtifact(artifact);
    return {
      id: writer.id,
      writeChunk: async (index, bytes) => {
        this.#maybeFail('chunk');
        return writer.writeChunk(index, bytes);
      },
      finish: async () => {
        this.#maybeFail('finish');
        return writer.finish();
      },
      abort: () => writer.abort(),
    };
  }

  override async getMetadata(id: string): Promise<ArtifactMetadata> {
    this.#maybeFail('metadata');
    return super.getMetadata(id);
  }

  #maybeFail(step: NonNullable<Flaky['failNext']>): void {
    if (this.failNext !== step) return;
    this.failNext = undefined;
    throw storageError('STORAGE_FAILED', `injected: ${step} failed`);
  }
}

function setup() {
  const metadata = new Flaky();
  const content = new Flaky({ region: 'eu-central', location: 'own-servers' });
  return { metadata, content, hybrid: new HybridStorage({ metadata, content }) };
}


const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i + seed) & 0xff);

async function chunks(storage: StorageAdapter, id: string): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const reader = (await storage.getContent(id)).getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  return out;
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(SealcallError);
    return (error as SealcallError).code;
  }
  return 'resolved';
}

describe('HybridStorage', () => {
  it('gives the content storage the same id and call, and withholds subject, consent and key material', async () => {
    const { metadata, content, hybrid } = setup();
    const input = newArtifact();
    const writer = await hybrid.beginArtifact(input);
    await writer.writeChunk(0, bytes(100, 1));
    expect(await metadata.getMetadata(input.id)).to.include({ subjectId: 'subject-1', consentRef: 'consent-1' });
    const held = await content.getMetadata(input.id);
    expect(held).to.deep.equal({
      id: input.id,
      callId: 'call-1',
      subjectId: 'withheld',
      kind: 'recording',
      mimeType: 'video/webm',
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
      consentRef: 'withheld',
      encryption: { algorithm: 'test', keyProviderId: 'withheld', wrappedKey: null, noncePrefix: '' },
      size: 100,
      status: 'incomplete',
      chunkCount: 1,
    });
    expect(await content.listBySubject('subject-1')).to.deep.equal([]);
    expect(await hybrid.getMetadata(input.id)).to.deep.equal({ ...input, size: 100, status: 'incomplete', chunkCount: 1 });
  });

  it('keeps the expiry in step in both, and crypto-shreds in the metadata alone', async () => {
    const { content, hybrid } = setup();
    const input = newArtifact();
    await hybrid.beginArtifact(input);
    await hybrid.updateMetadata(input.id, { expiresAt: input.expiresAt - DAY, encryption: { ...input.encryption, wrappedKey: null } });
    expect((await content.getMetadata(input.id)).expiresAt).to.equal(input.expiresAt - DAY);
    expect((await hybrid.getMetadata(input.id)).encryption.wrappedKey).to.equal(null);
    await hybrid.delete(input.id);
    expect(await code(content.getMetadata(input.id))).to.equal('STORAGE_NOT_FOUND');
  });

  it('a crash after the content chunk and before its count: readers see the counted chunks, exactly, and a retry with the same bytes completes it', async () => {
    const { metadata, content, hybrid } = setup();
    const input = newArtifact();
    const writer = await hybrid.beginArtifact(input);
    await writer.writeChunk(0, bytes(100, 1));
    metadata.failNext = 'chunk';
    expect(await code(writer.writeChunk(1, bytes(50, 2)))).to.equal('STORAGE_FAILED');
    expect((await content.getMetadata(input.id)).chunkCount, 'the content holds it').to.equal(2);
    expect(await hybrid.getMetadata(input.id)).to.include({ chunkCount: 1, size: 100 });
    expect(await chunks(hybrid, input.id)).to.deep.equal([bytes(100, 1)]);
    expect((await hybrid.listByCall('call-1')).find((m) => m.id === input.id)).to.include({ chunkCount: 1, size: 100 });

    expect(await code(writer.writeChunk(1, bytes(50, 3))), 'other bytes cannot replace it').to.equal('STORAGE_CONFLICT');
    await writer.writeChunk(1, bytes(50, 2));
    expect((await content.getMetadata(input.id)).chunkCount, 'not written twice').to.equal(2);
    expect(await writer.finish()).to.include({ chunkCount: 2, size: 150, status: 'complete' });
    expect(await chunks(hybrid, input.id)).to.deep.equal([bytes(100, 1), bytes(50, 2)]);
  });

  it('a failed content chunk is counted nowhere', async () => {
    const { metadata, content, hybrid } = setup();
    const input = newArtifact();
    const writer = await hybrid.beginArtifact(input);
    content.failNext = 'chunk';
    expect(await code(writer.writeChunk(0, bytes(10, 1)))).to.equal('STORAGE_FAILED');
    expect((await metadata.getMetadata(input.id)).chunkCount).to.equal(0);
    await writer.writeChunk(0, bytes(10, 1));
    expect(await hybrid.getMetadata(input.id)).to.include({ chunkCount: 1, size: 10 });
  });

  it('a crash between the two finishes reads as incomplete, and finish() can be retried', async () => {
    const { metadata, content, hybrid } = setup();
    const input = newArtifact();
    const writer = await hybrid.beginArtifact(input);
    await writer.writeChunk(0, bytes(10, 1));
    metadata.failNext = 'finish';
    expect(await code(writer.finish())).to.equal('STORAGE_FAILED');
    expect((await content.getMetadata(input.id)).status).to.equal('complete');
    expect((await hybrid.getMetadata(input.id)).status).to.equal('incomplete');
    expect(await writer.finish()).to.include({ status: 'complete', size: 10 });
  });

  it('a failed content begin leaves no metadata behind', async () => {
    const { metadata, content, hybrid } = setup();
    const input = newArtifact();
    content.failNext = 'begin';
    expect(await code(hybrid.beginArtifact(input))).to.equal('STORAGE_FAILED');
    expect(await code(metadata.getMetadata(input.id))).to.equal('STORAGE_NOT_FOUND');
    await hybrid.beginArtifact(input);
  });

  it('knows the size from its receipts when the content cannot tell', async () => {
    const { content, hybrid } = setup();
    const input = newArtifact();
    const writer = await hybrid.beginArtifact(input);
    await writer.writeChunk(0, bytes(70_000, 1));
    await writer.writeChunk(1, bytes(3, 2));
    content.failNext = 'metadata';
    expect((await hybrid.getMetadata(input.id)).size).to.equal(70_003);
  });

  it('declares the content placement and lists both parts for the policy, which must allow each', async () => {
    const device = new MemoryStorage();
    const eu = new MemoryStorage({ region: 'eu-central', location: 'own-servers' });
    const us = new MemoryStorage({ region: 'us-east', location: 'vendor' });
    const hybrid = new HybridStorage({ metadata: device, content: eu });
    expect([hybrid.region, hybrid.location]).to.deep.equal(['eu-central', 'own-servers']);
    expect(hybrid.parts).to.deep.equal([device, eu]);
    expect(() => assertStorageAllowed(hybrid, { euOnly: true })).not.to.throw();
    const refused = (adapter: HybridStorage, policy: Parameters<typeof assertStorageAllowed>[1]) =>
      expect(() => assertStorageAllowed(adapter, policy)).to.throw(SealcallError).with.property('code', 'STORAGE_REGION_REFUSED');
    refused(hybrid, { allowedLocations: ['own-servers'] });
    refused(hybrid, { allowedRegions: ['eu-central'] });
    refused(new HybridStorage({ metadata: device, content: us }), { euOnly: true });
    refused(new HybridStorage({ metadata: us, content: eu }), { euOnly: true });
    expect(() => new ArtifactVault({ storage: new HybridStorage({ metadata: us, content: eu }), policy: { euOnly: true } })).to.throw(SealcallError);
  });

  it('refuses anything but two different adapters', () => {
    const memory = new MemoryStorage();
    for (const options of [{ metadata: memory, content: memory }, { metadata: memory }, { metadata: {}, content: memory }]) {
      expect(() => new HybridStorage(options as never)).to.throw(SealcallError).with.property('code', 'INVALID_ARGUMENT');
    }
  });
});
