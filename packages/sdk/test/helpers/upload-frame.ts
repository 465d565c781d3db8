import type { HttpStorageOptions } from '../../src/storage/http-options.js';
import { HttpStorage } from '../../src/storage/http-storage.js';
import type { NewArtifact } from '../../src/storage/types.js';
import { UploadBuffer } from '../../src/storage/upload-buffer.js';

/**
 * Loaded in an iframe by upload-buffer.test.ts: uploads through HttpStorage with an UploadBuffer
 * from inside the frame, so that removing the frame closes the page mid-upload, as closing a tab
 * would (its IndexedDB connection and its Web Locks go with it).
 */
export interface UploadFrame {
  /** Begins `artifact` and writes `chunks` in order; resolves with each write's error code, or `stored`. */
  upload(options: UploadFrameOptions): Promise<string[]>;
}

export interface UploadFrameOptions {
  readonly bufferName: string;
  readonly storage: Omit<HttpStorageOptions, 'buffer'>;
  readonly artifact: NewArtifact;
  readonly chunks: readonly Uint8Array[];
}

const frame: UploadFrame = {
  async upload({ bufferName, storage, artifact, chunks }) {
    const http = new HttpStorage({ ...storage, buffer: new UploadBuffer({ name: bufferName }) });
    const writer = await http.beginArtifact(artifact);
    const outcomes: string[] = [];
    for (const [index, bytes] of chunks.entries()) {
      // Copied into this frame's realm: a Uint8Array of the parent's is not `instanceof` one here.
      outcomes.push(await writer.writeChunk(index, new Uint8Array(bytes)).then(() => 'stored', (error: { code?: string }) => error.code ?? String(error)));
    }
    return outcomes;
  },
};

Object.assign(window, { uploadFrame: frame });
