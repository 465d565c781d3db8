import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { createServer, createStorageToken, openEmbeddedDatabase } from '@sealcall/server';
import { bundle, servePages } from './browser-pages.mjs';
import { chromiumArgs, chromiumPath } from './chromium-path.mjs';
import { median } from './bench-stats.mjs';

// `npm run bench:records` (part of `npm run bench`), in Chromium: the time from asking for a
// 30-minute recording to its first frame, played as <seal-records> plays it (read from the
// reference server over loopback, decrypted and appended through MSE as it arrives), next to the
// same bytes played from a Blob already in the page; and the throughput of writing a subject
// export's ZIP of 256 MiB with client-zip and with fflate, next to copying the same bytes.
const PLAYBACK_ROUNDS = 5;
const ZIP_ROUNDS = 3;
const ZIP_BYTES = 256 * 2 ** 20;

const ms = (values) => ({ median: `${median(values).toFixed(0)} ms`, min: `${Math.min(...values).toFixed(0)} ms`, max: `${Math.max(...values).toFixed(0)} ms` });
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

const secret = randomBytes(32).toString('base64url');
const storageDirectory = await mkdtemp(join(tmpdir(), 'sealcall-bench-records-'));
const database = await openEmbeddedDatabase();
const server = createServer({ secret, database, port: 0, logger: () => {}, storage: { directory: storageDirectory } });
const { url } = await server.listen();
const web = await servePages({ '/page.js': await bundle({ contents: `import './bench/records-playback.ts'; import './bench/export-zip.ts';` }) });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, '--enable-precise-memory-info'] });
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`Bench page error: ${error.message}`));
  await page.goto(web.url);
  await page.waitForFunction(() => typeof window.sealcallPlaybackStart === 'function' && typeof window.sealcallZipThroughput === 'function');

  const callId = `bench-${randomBytes(6).toString('hex')}`;
  const token = createStorageToken({ secret, subject: 'bench-agent', dataSubject: 'bench-subject', room: callId, role: 'agent' });
  const playback = await page.evaluate((args) => window.sealcallPlaybackStart(...args), [{ baseUrl: url.replace(/^ws/, 'http'), token, callId }, PLAYBACK_ROUNDS]);
  console.log(
    `First frame of a ${(playback.durationMs / 60_000).toFixed(0)}-minute recording (${mib(playback.size)} stored, VP8 and Opus), ${PLAYBACK_ROUNDS} rounds taking turns, Chromium:`,
  );
  console.table({
    'streamed: read over HTTP, decrypted, appended through MSE': ms(playback.streamedMs),
    'the same bytes from a Blob in the page (anchor)': ms(playback.blobMs),
  });
  console.log(`Plaintext read by the first frame: ${mib(median(playback.bytesReadAtFirstFrame))} (median) of ${mib(playback.size)}.`);

  const zip = await page.evaluate((args) => window.sealcallZipThroughput(...args), [ZIP_BYTES, ZIP_ROUNDS]);
  const rate = (values) => `${(zip.bytes / 2 ** 20 / (median(values) / 1000)).toFixed(0)} MiB/s`;
  console.log(`A ZIP of ${mib(zip.bytes)} in eight stored files, written as a stream and counted, ${ZIP_ROUNDS} rounds taking turns, Chromium (random bytes generated as read):`);
  console.table({
    'copying the same bytes (anchor)': { throughput: rate(zip.copyMs), ...ms(zip.copyMs), 'peak JS heap': mib(zip.peakHeap.copy), archive: '' },
    'client-zip makeZip (subjectExportZip)': { throughput: rate(zip.clientZipMs), ...ms(zip.clientZipMs), 'peak JS heap': mib(zip.peakHeap.clientZip), archive: mib(zip.zipBytes.clientZip) },
    'fflate Zip + ZipPassThrough': { throughput: rate(zip.fflateMs), ...ms(zip.fflateMs), 'peak JS heap': mib(zip.peakHeap.fflate), archive: mib(zip.zipBytes.fflate) },
  });
} finally {
  await browser.close();
  await web.close();
  await server.close();
  await database.close();
  await rm(storageDirectory, { recursive: true, force: true });
}
