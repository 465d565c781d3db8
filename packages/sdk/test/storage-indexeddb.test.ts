import { expect } from '@esm-bundle/chai';
import { deleteDB, openDB } from 'idb';
import { IndexedDBStorage } from '../src/storage/indexeddb-storage.js';
import type { NewArtifact } from '../src/storage/types.js';

describe('IndexedDBStorage schema', () => {
  const name = `sealcall-schema-${crypto.randomUUID()}`;
  const storage = new IndexedDBStorage({ name });
  after(async () => {
    storage.close();
    await deleteDB(name);
  });

  const artifact = (id: string, fields: Partial<NewArtifact> = {}): NewArtifact => ({
    id,
    callId: 'call-1',
    subjectId: 'subject-1',
    kind: 'document',
    mimeType: 'application/pdf',
    createdAt: 1_000,
    expiresAt: 2_000,
    consentRef: null,
    encryption: { algorithm: 'x', keyProviderId: 'x', wrappedKey: null, noncePrefix: '' },
    ...fields,
  });

  it('keeps metadata indexed by call, subject and expiry, and chunks keyed [artifactId, index]', async () => {
    const writer = await storage.beginArtifact(artifact('a'));
    await writer.writeChunk(0, Uint8Array.of(1));
    await writer.writeChunk(1, Uint8Array.of(2));
    await storage.beginArtifact(artifact('b', { subjectId: 'subject-2', expiresAt: 3_000 }));
    const db = await openDB(name);
    try {
      expect([...db.objectStoreNames].sort()).to.deep.equal(['artifacts', 'chunks']);
      const tx = db.transaction(['artifacts', 'chunks']);
      const artifacts = tx.objectStore('artifacts');
      expect(artifacts.keyPath).to.equal('id');
      expect([...artifacts.indexNames].sort()).to.deep.equal(['callId', 'expiresAt', 'subjectId']);
      expect(await artifacts.index('subjectId').getAllKeys('subject-2')).to.deep.equal(['b']);
      expect(await artifacts.index('expiresAt').getAllKeys(IDBKeyRange.upperBound(2_500))).to.deep.equal(['a']);
      expect(await tx.objectStore('chunks').getAllKeys()).to.deep.equal([
        ['a', 0],
        ['a', 1],
      ]);
    } finally {
      db.close();
    }
  });

  it('deletes exactly one artifact\'s chunks', async () => {
    const keep = await storage.beginArtifact(artifact('keep'));
    await keep.writeChunk(0, Uint8Array.of(9));
    const drop = await storage.beginArtifact(artifact('keep2'));
    await drop.writeChunk(0, Uint8Array.of(8));
    await storage.delete('keep2');
    const db = await openDB(name);
    const keys = (await db.getAllKeys('chunks')) as Array<[string, number]>;
    db.close();
    expect(keys.filter(([id]) => id.startsWith('keep'))).to.deep.equal([['keep', 0]]);
  });
});
