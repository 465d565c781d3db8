import { expect } from '@esm-bundle/chai';
import sinon from 'sinon';
import { ArtifactVault } from '../src/at-rest/artifact-vault.js';
import { DeviceKeyProvider } from '../src/at-rest/device-key-provider.js';
import { SealcallError } from '../src/errors.js';
import { concatBytes } from '../src/internal/bytes.js';
import { defineStorageConformance } from '../src/storage/conformance.js';
import type { HttpStorageOptions } from '../src/storage/http-options.js';
import { HttpStorage } from '../src/storage/http-storage.js';
import { HybridStorage } from '../src/storage/hybrid-storage.js';
import { MemoryStorage } from '../src/storage/memory-storage.js';
import type { NewArtifact, StorageAdapter } from '../src/storage/types.js';
import { roomToken, storageBaseUrl, storageToken, storedFiles } from './helpers/server.js';
import { cachedToken, httpStorage } from './helpers/http-storage.js';
import { rejection, storedChunks } from './helpers/expect.js';
import { DAY, newArtifact as testArtifact } from './helpers/artifacts.js';

defineStorageConformance('HttpStorage', () => httpStorage(), { describe, it }, { storeOfRecord: true });
defineStorageConformance('HybridStorage(MemoryStorage, HttpStorage)', async () => new HybridStorage({ metadata: new MemoryStorage(), content: await httpStorage() }), { describe, it });

/** Distinctive values, so that a test can look for them in what the server wrote to disk. */
function newArtifact(fields: Partial<NewArtifact> = {}): NewArtifact {
  return testArtifact({
    callId: `call-${crypto.randomUUID()}`,
    subjectId: 'subject-SUBJECTMARKER',
    consentRef: 'consent-CONSENTMARKER',
    encryption: { algorithm: 'test', keyProviderId: 'none', wrappedKey: 'V1JBUFBFRC1LRVktTUFSS0VS', noncePrefix: 'AAAAAAAAAA' },
    ...fields,
  });
}

function pattern(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 0xff);
}



type Fault = 'pass' | 'fail-500' | 'hang' | 'lose-answer' | 'drop';
interface Request {
  readonly method: string;
  readonly url: string;
  /** How many times this method and URL were requested before. */
  readonly n: number;
}

/**
 * A fetch that does to each request what `fault` says: pass it through, answer 500 without
 * sending it, hang until the client's timeout aborts it, let it reach the server and lose the
 * answer, or drop it unsent.
 */
function faultyFetch(fault: (request: Request) => Fault) {
  const seen = new Map<string, number>();
  const fake = sinon.fake(async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const url = String(input);
    const n = seen.get(`${method} ${url}`) ?? 0;
    seen.set(`${method} ${url}`, n + 1);
    switch (fault({ method, url, n })) {
      case 'pass':
        return fetch(input, init);
      case 'fail-500':
        return Response.json({ error: { code: 'STORAGE_FAILED', message: 'injected' } }, { status: 500 });
      case 'hang':
        return new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))));
      case 'lose-answer': {
        const response = await fetch(input, init);
        await response.arrayBuffer();
        throw new TypeError('Failed to fetch (injected: the answer was lost)');
      }
      case 'drop':
        throw new TypeError('Failed to fetch (injected: never sent)');
    }
  });
  return fake;
}

const FAST = { retry: { attempts: 5, baseDelayMs: 1, maxDelayMs: 20 }, timeoutMs: 1000 };

describe('HttpStorage under faults', () => {
  it('uploads through 500s, timeouts and lost answers, and stores exactly the bytes written', async () => {
    const faults: Fault[] = ['fail-500', 'hang', 'lose-answer', 'drop'];
    const fetch = faultyFetch(({ method, url, n }) => {
      if (method === 'GET' || n >= 2) return 'pass';
      // The first two attempts of every write fail: begin and finish lose their answers first, each chunk gets another pair.
      if (method === 'POST') return n === 0 ? 'lose-answer' : 'fail-500';
      const chunk = Number(/\/chunks\/(\d+)$/.exec(url)?.[1]);
      return faults[(chunk + n) % faults.length] as Fault;
    });
    const faulty = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch, ...FAST });
    const input = newArtifact();
    const chunks = [pattern(70_000, 1), pattern(1, 2), pattern(0, 3), pattern(65_552, 4), pattern(12_345, 5), pattern(3, 6)];
    const writer = await faulty.beginArtifact(input);
    for (const [i, chunk] of chunks.entries()) await writer.writeChunk(i, chunk);
    const finished = await writer.finish();
    const size = chunks.reduce((n, c) => n + c.length, 0);
    expect(finished).to.include({ status: 'complete', chunkCount: chunks.length, size });
    expect(fetch.callCount, 'three attempts for each write').to.equal(3 * (chunks.length + 2));

    const clean = await httpStorage();
    expect(await clean.getMetadata(input.id)).to.deep.equal(finished);
    const read = await storedChunks(clean, input.id);
    expect(read.map((c) => c.length)).to.deep.equal(chunks.map((c) => c.length));
    expect(concatBytes(...read)).to.deep.equal(concatBytes(...chunks));
  });

  it('reads through 500s, timeouts and lost answers, one chunk per pull', async () => {
    const clean = await httpStorage();
    const input = newArtifact();
    const writer = await clean.beginArtifact(input);
    const chunks = [pattern(1000, 1), pattern(2000, 2), pattern(3000, 3)];
    for (const [i, chunk] of chunks.entries()) await writer.writeChunk(i, chunk);
    await writer.finish();
    const faults: Fault[] = ['fail-500', 'hang', 'lose-answer', 'drop'];
    const fetch = faultyFetch(({ n }) => (n < 2 ? (faults[n % faults.length] as Fault) : 'pass'));
    const faulty = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch, ...FAST });
    const reader = (await faulty.getContent(input.id)).getReader();
    const before = fetch.callCount;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetch.callCount, 'nothing fetched before the first pull').to.equal(before);
    const read: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) read.push(r.value);
    expect(read).to.deep.equal(chunks);
  });

  it('rejects with STORAGE_FAILED when the faults never stop, and the lost chunk is never counted', async () => {
    const faults: Fault[] = ['fail-500', 'drop', 'hang'];
    let healed = false;
    const fetch = faultyFetch(({ method, url, n }) => (!healed && method === 'PUT' && url.endsWith('/chunks/2') ? (faults[n % faults.length] as Fault) : 'pass'));
    const storage = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch, ...FAST, retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 } });
    const input = newArtifact();
    const writer = await storage.beginArtifact(input);
    await writer.writeChunk(0, pattern(10, 1));
    await writer.writeChunk(1, pattern(20, 2));
    const error = await rejection(writer.writeChunk(2, pattern(30, 3)));
    expect(error.code).to.equal('STORAGE_FAILED');
    expect(error.message).to.match(/PUT .*\/chunks\/2 in 4 attempts/);
    expect(error.cause).to.exist;
    const clean = await httpStorage();
    expect(await clean.getMetadata(input.id)).to.include({ chunkCount: 2, size: 30, status: 'incomplete' });
    expect(await storedChunks(clean, input.id)).to.have.length(2);

    healed = true;
    await writer.writeChunk(2, pattern(30, 3));
    expect(await writer.finish()).to.include({ chunkCount: 3, size: 60, status: 'complete' });
  });

  it('never reports success for a lost chunk: finish() claims only acknowledged chunks', async () => {
    // Chunk 1 is lost, alone (PUT …/chunks/1) or in a batch (POST …/chunks?from=1&…).
    const fetch = faultyFetch(({ method, url }) => (/\/chunks(\/1|\?from=1&.*)$/.test(url) && method !== 'GET' ? 'drop' : 'pass'));
    const storage = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch, ...FAST, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const input = newArtifact();
    const writer = await storage.beginArtifact(input);
    await writer.writeChunk(0, pattern(10, 1));
    const [lost, withIt] = await Promise.allSettled([writer.writeChunk(1, pattern(10, 2)), writer.writeChunk(2, pattern(10, 3))]);
    expect(lost.status === 'rejected' && (lost.reason as SealcallError).code).to.equal('STORAGE_FAILED');
    expect(withIt.status === 'rejected' && (withIt.reason as SealcallError).code, 'sent in the same request').to.equal('STORAGE_FAILED');
    expect((await rejection(writer.writeChunk(3, pattern(10, 4)))).code, 'the chunk after them cannot skip the gap').to.equal('STORAGE_CONFLICT');
    const finished = await writer.finish();
    expect(finished).to.include({ chunkCount: 1, size: 10 });
  });

  it('sends chunks written without awaiting each other in one request, and settles each by the answer', async () => {
    const fetch = sinon.fake((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const storage = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch });
    const input = newArtifact();
    const writer = await storage.beginArtifact(input);
    const chunks = Array.from({ length: 10 }, (_, i) => pattern(i === 4 ? 0 : 1000 + i, i));
    await Promise.all(chunks.map((chunk, i) => writer.writeChunk(i, chunk)));
    await writer.writeChunk(10, pattern(5, 10));
    const requests = fetch.getCalls().map((c) => `${(c.args[1] as RequestInit | undefined)?.method ?? 'GET'} ${String(c.args[0]).replace(/^.*\/v1\/artifacts/, '')}`);
    const sizes = chunks.map((c) => c.length).join(',');
    expect(requests).to.deep.equal(['POST ', `POST /${input.id}/chunks?from=0&sizes=${sizes}`, `PUT /${input.id}/chunks/10`]);
    expect(await writer.finish()).to.include({ chunkCount: 11 });
    expect(await storedChunks(await httpStorage(), input.id)).to.deep.equal([...chunks, pattern(5, 10)]);

  });

  it('sends a batch that meets a conflict again one chunk at a time, so that each gets its own answer', async () => {
    let refused = 0;
    const fetch = sinon.fake(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      if (init.method === 'POST' && String(input).includes('/chunks?') && refused++ === 0) {
        return Response.json({ error: { code: 'STORAGE_CONFLICT', message: 'injected' } }, { status: 409 });
      }
      return globalThis.fetch(input, init);
    });
    const storage = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch });
    const input = newArtifact();
    const writer = await storage.beginArtifact(input);
    await Promise.all([writer.writeChunk(0, pattern(10, 1)), writer.writeChunk(1, pattern(20, 2))]);
    const requests = fetch.getCalls().map((c) => `${(c.args[1] as RequestInit | undefined)?.method ?? 'GET'} ${String(c.args[0]).replace(/^.*\/v1\/artifacts/, '')}`);
    expect(requests).to.deep.equal(['POST ', `POST /${input.id}/chunks?from=0&sizes=10,20`, `PUT /${input.id}/chunks/0`, `PUT /${input.id}/chunks/1`]);
    expect(await writer.finish()).to.include({ chunkCount: 2, size: 30 });
  });

  it('a chunk whose answer is lost on every attempt is reported failed, never stored twice, and a retry settles it', async () => {
    let lose = true;
    const fetch = faultyFetch(({ method, url }) => (lose && method === 'PUT' && url.endsWith('/chunks/0') ? 'lose-answer' : 'pass'));
    const storage = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch, ...FAST, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 } });
    const input = newArtifact();
    const writer = await storage.beginArtifact(input);
    expect((await rejection(writer.writeChunk(0, pattern(100, 1)))).code).to.equal('STORAGE_FAILED');
    expect(await (await httpStorage()).getMetadata(input.id)).to.include({ chunkCount: 1, size: 100 });
    lose = false;
    await writer.writeChunk(0, pattern(100, 1));
    expect(await writer.finish()).to.include({ chunkCount: 1, size: 100 });
  });

  it('checks the server after a 409 for a chunk it believes unsent, and succeeds only if the server holds exactly its bytes', async () => {
    // A server that takes no replays: an acknowledged repeat becomes 409, as a stricter server would answer.
    const strict = (lose: (url: string, n: number) => boolean) =>
      sinon.fake(async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
        const url = String(input);
        const n = (counts.get(url) ?? 0) + (init.method === 'PUT' ? 1 : 0);
        counts.set(url, n);
        const response = await globalThis.fetch(input, init);
        if (init.method === 'PUT' && lose(url, n)) throw new TypeError('Failed to fetch (injected: the answer was lost)');
        if (init.method === 'PUT' && response.status === 200) return Response.json({ error: { code: 'STORAGE_CONFLICT', message: 'exists' } }, { status: 409 });
        return response;
      });
    const counts = new Map<string, number>();
    const fetch = strict((url, n) => url.endsWith('/chunks/0') && n === 1);
    const storage = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch, ...FAST });
    const input = newArtifact();
    const writer = await storage.beginArtifact(input);
    await writer.writeChunk(0, pattern(50, 1));
    const methods = fetch.getCalls().map((c) => `${(c.args[1] as RequestInit | undefined)?.method ?? 'GET'} ${String(c.args[0]).replace(/^.*\/v1\/artifacts/, '')}`);
    expect(methods).to.deep.equal(['POST ', `PUT /${input.id}/chunks/0`, `PUT /${input.id}/chunks/0`, `GET /${input.id}`, `GET /${input.id}/chunks/0`]);

    // The same situation where the token cannot read: the conflict stands, never a success.
    counts.clear();
    const customer = await httpStorage({
      fetch: strict((url, n) => url.endsWith('/chunks/0') && n === 1) as unknown as typeof globalThis.fetch,
      ...FAST,
      token: ({ callId, subjectId }) => cachedToken(callId ?? 'none', 'customer', subjectId),
    });
    const other = newArtifact();
    const customerWriter = await customer.beginArtifact(other);
    expect((await rejection(customerWriter.writeChunk(0, pattern(50, 1)))).code).to.equal('STORAGE_CONFLICT');

    // A chunk this writer had acknowledged is a repeat, whatever its bytes: a conflict, without asking the server.
    const calls = fetch.callCount;
    expect((await rejection(writer.writeChunk(0, pattern(50, 1)))).code).to.equal('STORAGE_CONFLICT');
    expect(fetch.callCount).to.equal(calls);
  });

  it('never takes an acknowledgement that does not count the chunk for success', async () => {
    const fetch = sinon.fake(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const response = await globalThis.fetch(input, init);
      if (init.method !== 'PUT') return response;
      return Response.json({ chunkCount: 0, size: 0 }, { status: 201 });
    });
    const storage = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch });
    const writer = await storage.beginArtifact(newArtifact());
    const error = await rejection(writer.writeChunk(0, pattern(5, 1)));
    expect(error.code).to.equal('STORAGE_FAILED');
    expect(error.message).to.match(/counts only 0 chunks/);
  });

  it('never takes a finish whose answer does not hold every acknowledged chunk for success', async () => {
    const fetch = sinon.fake(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const response = await globalThis.fetch(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith('/finish')) return response;
      // A server that says "finished" but holds nothing.
      return Response.json({ ...(await response.json()), chunkCount: 0, size: 0 });
    });
    const storage = await httpStorage({ fetch: fetch as unknown as typeof globalThis.fetch });
    const writer = await storage.beginArtifact(newArtifact());
    await writer.writeChunk(0, pattern(5, 1));
    const error = await rejection(writer.finish());
    expect(error.code).to.equal('STORAGE_FAILED');
    expect(error.message).to.match(/answered the finish .* with 0 chunks \(complete\), but acknowledged 1/);
  });
});

describe('HttpStorage access', () => {
  const refusedWith = async (token: string | Promise<string>, action: (storage: HttpStorage) => Promise<unknown>) => {
    const fetch = sinon.fake((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const storage = await httpStorage({ token: await token, fetch: fetch as unknown as typeof globalThis.fetch });
    const error = await rejection(action(storage));
    expect(error.code).to.equal('STORAGE_UNAUTHORIZED');
    expect(fetch.callCount, 'a refusal is not retried').to.equal(1);
    return error;
  };

  it('refuses tokens of the wrong call, the wrong role, expired, forged or for signaling with STORAGE_UNAUTHORIZED', async () => {
    const input = newArtifact();
    const writer = await (await httpStorage()).beginArtifact(input);
    await writer.writeChunk(0, pattern(10, 1));
    await refusedWith(storageToken('another-call', 'agent'), (s) => s.getMetadata(input.id));
    await refusedWith(storageToken('another-call', 'agent'), (s) => s.beginArtifact(newArtifact({ callId: input.callId })));
    await refusedWith(storageToken(input.callId, 'customer'), (s) => s.getMetadata(input.id));
    await refusedWith(storageToken(input.callId, 'customer'), (s) => s.listByCall(input.callId));
    await refusedWith(storageToken(input.callId, 'customer'), (s) => s.delete(input.id));
    await refusedWith(storageToken(input.callId, 'agent'), (s) => s.listBySubject(input.subjectId));
    await refusedWith(storageToken('*', 'office'), (s) => s.beginArtifact(newArtifact()));
    await refusedWith(storageToken(input.callId, 'agent', { issuedSecondsAgo: 3600, ttlSeconds: 60 }), (s) => s.getMetadata(input.id));
    await refusedWith(storageToken(input.callId, 'agent', { secret: 'a-forged-secret-that-is-long-enough-0123456789' }), (s) => s.getMetadata(input.id));
    const error = await refusedWith(roomToken(input.callId, 'agent'), (s) => s.getMetadata(input.id));
    expect(error.message).to.match(/refused the token/);
    expect(error.message).not.to.include(await roomToken(input.callId, 'agent'));
  });

  it('lets a customer begin, write, finish and abort its own artifacts in its own call, and nothing more', async () => {
    const input = newArtifact();
    const customer = await httpStorage({ token: ({ callId, subjectId }) => cachedToken(callId ?? input.callId, 'customer', subjectId) });
    const writer = await customer.beginArtifact(input);
    await writer.writeChunk(0, pattern(10, 1));
    expect(await writer.finish()).to.include({ status: 'complete', chunkCount: 1 });
    expect((await rejection(customer.getContent(input.id))).code).to.equal('STORAGE_UNAUTHORIZED');
    const second = await customer.beginArtifact(newArtifact({ callId: input.callId }));
    await second.abort();
    const agent = await httpStorage();
    expect((await rejection(agent.getMetadata(second.id))).code, 'the aborted artifact is gone').to.equal('STORAGE_NOT_FOUND');
    const agentsOwn = await (await agent.beginArtifact(newArtifact({ callId: input.callId }))).finish();
    expect((await rejection(customer.delete(agentsOwn.id))).code, 'the agent\'s artifact is not the customer\'s to delete').to.equal('STORAGE_UNAUTHORIZED');
  });

  it('validates its options', async () => {
    const baseUrl = await storageBaseUrl();
    const bad: Array<Partial<HttpStorageOptions>> = [
      { baseUrl: 'http://storage.example' },
      { baseUrl: 'https://user:pass@storage.example' },
      { baseUrl: 'https://storage.example/?token=x' },
      { token: '' },
      { region: 'device' },
      { region: '' },
      { location: 'device' },
      { timeoutMs: 0 },
      { retry: { attempts: 0 } },
    ];
    for (const options of bad) {
      expect(() => new HttpStorage({ baseUrl, token: 't', region: 'eu-central', ...options } as HttpStorageOptions), JSON.stringify(options))
        .to.throw(SealcallError)
        .with.property('code', 'INVALID_ARGUMENT');
    }
    const storage = new HttpStorage({ baseUrl: 'https://storage.example/api/', token: 't', region: 'eu-west' });
    expect([storage.region, storage.location]).to.deep.equal(['eu-west', 'own-servers']);
    expect((await rejection(storage.getMetadata('..'))).code).to.equal('INVALID_ARGUMENT');
  });
});

describe('ArtifactVault over HttpStorage', () => {
  const LINE = (i: number) => `SEALCALL-PLAINTEXT line ${String(i).padStart(6, '0')} of the claim photo;\n`;

  function plaintext(bytes: number): Uint8Array {
    let text = '';
    for (let i = 0; text.length < bytes; i++) text += LINE(i);
    return new TextEncoder().encode(text.slice(0, bytes));
  }

  /** Whether any 16-byte window of `needle` occurs anywhere in `haystacks`. */
  function sharesWindow(needle: Uint8Array, haystacks: Uint8Array[]): string | undefined {
    const latin1 = (bytes: Uint8Array) => {
      let s = '';
      for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
      return s;
    };
    const text = latin1(needle);
    const windows = new Set<string>();
    for (let i = 0; i + 16 <= text.length; i++) windows.add(text.slice(i, i + 16));
    for (const haystack of haystacks) {
      const hay = latin1(haystack);
      for (let j = 0; j + 16 <= hay.length; j++) if (windows.has(hay.slice(j, j + 16))) return hay.slice(j, j + 16);
    }
    return undefined;
  }

  async function roundTrip(storage: StorageAdapter): Promise<{ id: string; input: Uint8Array }> {
    const vault = new ArtifactVault({ storage, keyProviders: [new DeviceKeyProvider({ keyName: `http-${crypto.randomUUID()}` })] });
    const input = plaintext(300_000);
    const writer = await vault.write({
      meta: { callId: `call-${crypto.randomUUID()}`, subjectId: 'subject-SUBJECTMARKER', kind: 'recording', mimeType: 'video/webm', expiresAt: Date.now() + DAY, consentRef: 'consent-CONSENTMARKER' },
    });
    for (let offset = 0; offset < input.length; offset += 40_000) await writer.write(input.subarray(offset, offset + 40_000));
    await writer.close();
    const { stream, incomplete } = await vault.read(writer.id);
    expect(incomplete).to.equal(false);
    expect(new Uint8Array(await new Response(stream).arrayBuffer())).to.deep.equal(input);
    return { id: writer.id, input };
  }

  it('leaves no 16-byte window of the plaintext on the server disk, and reads back what was written', async () => {
    const { input } = await roundTrip(await httpStorage());
    const files = await storedFiles();
    expect(files.length).to.be.greaterThan(0);
    expect(sharesWindow(input, files.map((f) => f.bytes))).to.equal(undefined);
  });

  it('through HybridStorage, the server holds neither the subject, the consent reference nor the wrapped key', async () => {
    const metadata = new MemoryStorage();
    const content = await httpStorage();
    const { id, input } = await roundTrip(new HybridStorage({ metadata, content }));
    const full = await metadata.getMetadata(id);
    expect(full.subjectId).to.equal('subject-SUBJECTMARKER');
    expect(full.encryption.wrappedKey).to.be.a('string');
    const held = await content.getMetadata(id);
    expect(held).to.include({ subjectId: 'withheld', consentRef: 'withheld', callId: full.callId, chunkCount: full.chunkCount, status: 'complete' });
    expect(held.encryption).to.deep.equal({ algorithm: full.encryption.algorithm, keyProviderId: 'withheld', wrappedKey: null, noncePrefix: '' });
    // `held` is the server's whole record of it (its database row, which only adds the owner's token subject).
    expect(JSON.stringify(held)).not.to.include('SUBJECTMARKER').and.not.to.include('CONSENTMARKER');
    const files = await storedFiles();
    const onDisk = files.filter((f) => f.path.includes('artifacts/')).map((f) => new TextDecoder('latin1').decode(f.bytes)).join('\n');
    expect(onDisk).not.to.include(full.encryption.wrappedKey as string);
    expect(sharesWindow(input, files.map((f) => f.bytes))).to.equal(undefined);
  });
});
