import { makeZip } from 'client-zip';
import { EXPORT_MANIFEST_FORMAT, EXPORT_MANIFEST_VERSION, parseExportManifest, type ExportManifest, type ExportManifestFile, type ExportLine } from '@sealcall/protocol';
import { artifactCipher } from '../../at-rest/artifact-cipher.js';
import { decryptStream } from '../../at-rest/decrypt-stream.js';
import type { KeyProvider } from '../../at-rest/types.js';
import { consentReceiptFile } from '../../consent/receipt.js';
import { inChainOrder, verifyChain } from '../../consent/record-hash.js';
import { isConsentRecord } from '../../consent/record-shape.js';
import type { ConsentRecord } from '../../consent/types.js';
import { SealcallError } from '../../errors.js';
import { utf8 } from '../../internal/bytes.js';
import { resolveLocale, type TemplateLocale } from '../../templates/catalogues.js';
import { artifactFileName } from '../artifact-file-name.js';
import type { GovernanceClient } from '../governance-client.js';
import { exportIndexMessages, type ExportIndexMessages } from './index-messages.js';
import { exportIndexPage } from './index-page.js';
import type { ExportBundleLine } from '../content-lines.js';
import { LineCursor } from '../line-cursor.js';

export interface SubjectExportZipOptions {
  /** What decrypts the artifacts: the insurer's `RecipientKeyProvider.forPrivateKey(…)`. */
  readonly keyProviders: readonly KeyProvider[];
  /** The data subject's language, for index.html: en, nl, de, fr or pl (`nl-BE` counts as nl). Default `en`. */
  readonly locale?: string;
  /** Your organisation's name, as index.html names the controller. */
  readonly organisation: string;
}

const CONSENT_RECEIPT = 'consent-receipt.json';
const AUDIT_LOG = 'audit-log.ndjson';
const FOLDERS = { picture: 'pictures', recording: 'recordings', document: 'documents', location: 'locations', transcript: 'transcripts', consent: 'consent' } as const;

type ZipEntry = { name: string; lastModified: Date; input: ReadableStream<Uint8Array> | Uint8Array | string };

/**
 * A data subject's export (GDPR Art. 15) as one ZIP, written as the server's bundle arrives:
 * each picture, recording and document decrypted in this browser into `pictures/`,
 * `recordings/` and `documents/`, their consent records as one verifiable `consent-receipt.json`,
 * the audit log's entries about them in `audit-log.ndjson`, then `manifest.json`
 * (ExportManifestSchema of @sealcall/protocol) and `index.html` in the subject's language.
 *
 * Nothing is held whole: pipe the stream to a file (`showSaveFilePicker`, or the origin private
 * file system), and an export of gigabytes never sits in memory. Files are stored, not
 * compressed: pictures and recordings are compressed already. The stream errors with
 * GOVERNANCE_FAILED if the bundle breaks off or is out of order, ARTIFACT_KEY_UNAVAILABLE if
 * `keyProviders` cannot decrypt an artifact, and ARTIFACT_CORRUPT if one does not authenticate;
 * what was written by then is not a valid ZIP.
 */
export function subjectExportZip(governance: GovernanceClient, exportId: string, options: SubjectExportZipOptions): ReadableStream<Uint8Array> {
  if (typeof options?.organisation !== 'string' || options.organisation.trim() === '') {
    throw new SealcallError('INVALID_ARGUMENT', '"organisation" expected your organisation\'s name, as the export\'s index names the controller');
  }
  // Throws TEMPLATE_UNKNOWN_LOCALE for a language Sealcall does not ship.
  const { tag } = resolveLocale(options.locale ?? 'en');
  const strings = exportIndexMessages[new Intl.Locale(tag).language as TemplateLocale];
  return makeZip(entries(new LineCursor(governance.readExport(exportId), bundleError), options, tag, strings), { buffersAreUTF8: true });
}

async function* entries(cursor: LineCursor<ExportBundleLine>, options: SubjectExportZipOptions, locale: string, t: ExportIndexMessages): AsyncGenerator<ZipEntry> {
  try {
    const first = await cursor.next();
    if (first?.type !== 'bundle') throw bundleError('does not begin with its "bundle" line');
    const calls: ExportManifest['calls'] = [];
    const files: ExportManifestFile[] = [];
    const consent: ConsentRecord[] = [];
    const names = new Set<string>();
    let auditEntries = 0;
    for (let line = await cursor.next(); line; line = await cursor.next()) {
      switch (line.type) {
        case 'call':
          calls.push({ callId: line.callId, startedAt: line.createdAt });
          break;
        case 'artifact': {
          const file = described(line);
          const { artifact } = line;
          if (artifact.encryption.wrappedKey === null) {
            await drain(cursor.chunksOf(artifact.id));
            files.push({ ...file, path: null });
            break;
          }
          const cipher = await artifactCipher(artifact, options.keyProviders);
          const plaintext = decryptStream(cursor.chunksOf(artifact.id), cipher, artifact.status === 'incomplete', artifact.id);
          if (artifact.kind === 'consent') {
            const text = await new Response(plaintext).text();
            const record: unknown = JSON.parse(text);
            if (!isConsentRecord(record)) throw bundleError(`holds consent artifact "${artifact.id}", which is not a consent record`);
            consent.push(record);
            files.push({ ...file, path: CONSENT_RECEIPT, bytes: utf8(text).length });
            break;
          }
          const path = unique(names, `${FOLDERS[artifact.kind]}/${artifactFileName(artifact)}`);
          const counted = counting(plaintext);
          yield { name: path, lastModified: new Date(artifact.createdAt), input: counted.stream };
          // The ZIP asks for the next entry once it has read this one's content whole.
          files.push({ ...file, path, bytes: counted.bytes() });
          break;
        }
        case 'audit': {
          cursor.putBack(line);
          const log = auditLog(cursor);
          yield { name: AUDIT_LOG, lastModified: new Date(first.generatedAt), input: log.stream };
          auditEntries = log.entries();
          break;
        }
        case 'end': {
          if (line.calls !== calls.length || line.artifacts !== files.length || line.auditEntries !== auditEntries) {
            throw bundleError(`ends saying ${line.calls} calls, ${line.artifacts} artifacts and ${line.auditEntries} audit entries, but held ${calls.length}, ${files.length} and ${auditEntries}`);
          }
          if (auditEntries === 0) yield { name: AUDIT_LOG, lastModified: new Date(first.generatedAt), input: '' };
          const at = new Date(first.generatedAt);
          if (consent.length > 0) {
            const records = inChainOrder(consent);
            const receipt = consentReceiptFile({ subjectId: first.subjectId, issuedAt: at.toISOString(), verified: verifyChain(records).valid, records });
            yield { name: CONSENT_RECEIPT, lastModified: at, input: new Uint8Array(await receipt.arrayBuffer()) };
          }
          const manifest = checked({
            format: EXPORT_MANIFEST_FORMAT,
            version: EXPORT_MANIFEST_VERSION,
            exportId: first.exportId,
            subjectId: first.subjectId,
            requestedAt: first.requestedAt,
            dueAt: first.dueAt,
            generatedAt: first.generatedAt,
            locale,
            calls,
            files,
            consentReceipt: consent.length > 0 ? CONSENT_RECEIPT : null,
            auditLog: { path: AUDIT_LOG, entries: auditEntries },
          });
          yield { name: 'manifest.json', lastModified: at, input: JSON.stringify(manifest, null, 2) };
          yield { name: 'index.html', lastModified: at, input: exportIndexPage(manifest, t, options.organisation) };
          return;
        }
        default:
          throw bundleError(`has a "${line.type}" line out of place`);
      }
    }
    throw bundleError('was cut short');
  } finally {
    await cursor.close();
  }
}

function described({ artifact, alsoShows, retainedFor }: Extract<ExportLine, { type: 'artifact' }>): ExportManifestFile {
  return {
    path: null,
    artifactId: artifact.id,
    callId: artifact.callId,
    kind: artifact.kind,
    mimeType: artifact.mimeType,
    createdAt: artifact.createdAt,
    expiresAt: artifact.expiresAt,
    purpose: artifact.purpose ?? null,
    consentRef: artifact.consentRef,
    bytes: 0,
    complete: artifact.status === 'complete',
    endReason: artifact.endReason ?? null,
    alsoShows,
    retainedFor,
  };
}

/** The audit lines from here on, one JSON object a line; `entries()` counts them once read. */
function auditLog(cursor: LineCursor<ExportBundleLine>): { stream: ReadableStream<Uint8Array>; entries: () => number } {
  let entries = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const line = await cursor.next();
        if (line?.type !== 'audit') {
          if (line) cursor.putBack(line);
          return controller.close();
        }
        entries++;
        controller.enqueue(utf8(`${JSON.stringify(line.entry)}\n`));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, entries: () => entries };
}

function counting(source: ReadableStream<Uint8Array>): { stream: ReadableStream<Uint8Array>; bytes: () => number } {
  let bytes = 0;
  const stream = source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.length;
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream, bytes: () => bytes };
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<void> {
  const reader = stream.getReader();
  while (!(await reader.read()).done);
}

function unique(names: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; names.has(candidate); n++) candidate = name.replace(/(\.[^./]+)?$/, `-${n}$1`);
  names.add(candidate);
  return candidate;
}

function bundleError(what: string): SealcallError {
  return new SealcallError('GOVERNANCE_FAILED', `The export bundle ${what}; read it again.`);
}

function checked(manifest: ExportManifest): ExportManifest {
  const parsed = parseExportManifest(manifest);
  if (!parsed.ok) throw new SealcallError('GOVERNANCE_FAILED', `The export's manifest would not be valid: ${parsed.reason}.`);
  return parsed.value;
}
