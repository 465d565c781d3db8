import { expect } from '@esm-bundle/chai';
import { ArtifactVault, GovernanceClient, HttpStorage, openRecord, RecipientKeyProvider, type StartedCall } from '../src/index.js';
import { expectCode, streamChunks } from './helpers/expect.js';
import { serverUrl, staffToken, storageBaseUrl } from './helpers/server.js';

const insurer = RecipientKeyProvider.generateKeyPair();
const office = RecipientKeyProvider.forPrivateKey(insurer.privateKey);

/** A fetch that passes every answer through `rewrite`, line by line, for the records routes. */
function rewriting(rewrite: (line: Record<string, unknown>) => Record<string, unknown>): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).includes('/v1/records/')) return response;
    const text = await response.text();
    const lines = text.split('\n').filter((line) => line !== '').map((line) => JSON.stringify(rewrite(JSON.parse(line) as Record<string, unknown>)));
    return new Response(`${lines.join('\n')}\n`, { status: response.status, headers: response.headers });
  };
}

describe('openRecord: an artifact from the records, decrypted in the browser', () => {
  const agentSubject = `agent-${crypto.randomUUID()}`;
  let call: StartedCall;
  let content: Uint8Array;
  let id: string;

  before(async () => {
    await serverUrl();
    const agent = new GovernanceClient({ baseUrl: await storageBaseUrl(), token: () => staffToken(agentSubject, ['agent']) });
    call = await agent.startCall();
    const vault = new ArtifactVault({
      storage: new HttpStorage({ baseUrl: await storageBaseUrl(), token: call.storageToken!, region: 'eu-central' }),
      keyProviders: [new RecipientKeyProvider(insurer.publicKey)],
    });
    content = new Uint8Array(150_000);
    for (let at = 0; at < content.length; at += 65_536) crypto.getRandomValues(content.subarray(at, at + 65_536));
    const writer = await vault.write({ meta: { callId: call.callId, subjectId: call.subjectId, kind: 'recording', mimeType: 'video/webm', expiresAt: Date.now() + 86_400_000, consentRef: 'consent-1' } });
    await writer.write(content);
    id = (await writer.close()).id;
  });

  const client = async (fetchWith?: typeof fetch) =>
    new GovernanceClient({ baseUrl: await storageBaseUrl(), token: () => staffToken(agentSubject, ['agent']), ...(fetchWith ? { fetch: fetchWith } : {}) });

  it('reads back exactly what was written, though the agent who wrote it could not', async () => {
    const { artifact, stream } = await openRecord(await client(), id, { keyProviders: [office] });
    expect(artifact.id).to.equal(id);
    expect(new Uint8Array(await new Response(stream).arrayBuffer())).to.deep.equal(content);
    await expectCode(openRecord(await client(), id, { keyProviders: [new RecipientKeyProvider(insurer.publicKey)] }), 'ARTIFACT_KEY_UNAVAILABLE');
  });

  it('a chunk altered on its way is ARTIFACT_CORRUPT, never other plaintext', async () => {
    const altered = rewriting((line) => {
      if (line.type !== 'chunk' || line.index !== 1) return line;
      const data = String(line.data);
      return { ...line, data: `${data.slice(0, 10)}${data[10] === 'A' ? 'B' : 'A'}${data.slice(11)}` };
    });
    const { stream } = await openRecord(await client(altered), id, { keyProviders: [office] });
    await expectCode(streamChunks(stream), 'ARTIFACT_CORRUPT');
  });

  it('chunks out of order, missing or counted wrong are refused', async () => {
    const cases: Array<[string, (line: Record<string, unknown>) => Record<string, unknown>]> = [
      ['swapped', (line) => (line.type === 'chunk' ? { ...line, index: line.index === 0 ? 1 : line.index === 1 ? 0 : line.index } : line)],
      ['miscounted', (line) => (line.type === 'end' ? { ...line, bytes: Number(line.bytes) + 1 } : line)],
      ['from another artifact', (line) => (line.type === 'chunk' && line.index === 1 ? { ...line, artifactId: 'another' } : line)],
    ];
    for (const [what, rewrite] of cases) {
      const { stream } = await openRecord(await client(rewriting(rewrite)), id, { keyProviders: [office] });
      const error = await streamChunks(stream).then(() => undefined, (e: unknown) => e as { code?: string });
      expect(error?.code, what).to.equal('GOVERNANCE_FAILED');
    }
  });
});
