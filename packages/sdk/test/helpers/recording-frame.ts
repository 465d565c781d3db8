import { ArtifactVault } from '../../src/at-rest/artifact-vault.js';
import { DeviceKeyProvider } from '../../src/at-rest/device-key-provider.js';
import { CallRecorder } from '../../src/capture/recorder.js';
import { IndexedDBStorage } from '../../src/storage/indexeddb-storage.js';
import { cameraSource, colorSource, MAGENTA } from './recording-sources.js';

/**
 * Loaded in an iframe by capture-recorder.test.ts: records into IndexedDB from inside the frame,
 * so that removing the frame kills the recording mid-way, as closing a tab would.
 */
export interface RecordingFrame {
  /** Starts recording; resolves with the artifact id. */
  start(config: RecordingFrameConfig): Promise<string>;
}

export interface RecordingFrameConfig {
  readonly storageName: string;
  readonly keyDatabase: string;
  readonly callId: string;
  readonly timesliceMs: number;
}

const frame: RecordingFrame = {
  async start(config) {
    const local = await cameraSource();
    const remote = colorSource(MAGENTA, { toneHz: 440 });
    const vault = new ArtifactVault({
      storage: new IndexedDBStorage({ name: config.storageName }),
      keyProviders: [new DeviceKeyProvider({ databaseName: config.keyDatabase })],
    });
    const recorder = new CallRecorder({
      vault,
      consent: { require: async () => 'consent-in-frame', onWithdrawn: () => () => undefined },
      local: local.stream,
      remote: remote.stream,
      meta: { callId: config.callId, subjectId: 'subject-frame', expiresAt: Date.now() + 60_000 },
      timesliceMs: config.timesliceMs,
    });
    await recorder.start();
    return recorder.id;
  },
};

Object.assign(window, { recordingFrame: frame });
