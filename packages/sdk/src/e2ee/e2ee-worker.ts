/// <reference lib="webworker" />
// The E2EE worker: the key agreement runs here and every audio and video frame of a call
// passes through here, so media keys never exist outside it. It must never log payloads or
// keys, and never throw into a transform.
import { macKey } from './worker/key-schedule.js';
import { detectX25519 } from './worker/x25519.js';
import { DataCryptor } from './worker/data-cryptor.js';
import { KeyAgreement, type AgreementStep } from './worker/key-agreement.js';
import { DropReporter } from './worker/drop-reporter.js';
import { FrameCryptor } from './worker/frame-cryptor.js';
import { KeyFrameRequests, pipeFrames, type ScriptTransformer } from './worker/transforms.js';
import type { WorkerCommand, WorkerConfig, WorkerEvent, WorkerMessage, WorkerReply } from './worker-protocol.js';

interface RTCTransformEvent extends Event {
  readonly transformer: ScriptTransformer;
}

const RATCHET_WINDOW = 8;
const PROBE_INTERVAL_MS = 500;
const DROP_REPORT_MS = 1000;

const scope = self as unknown as DedicatedWorkerGlobalScope & { onrtctransform: ((event: RTCTransformEvent) => void) | null };

interface Call {
  readonly agreement: KeyAgreement;
  readonly cryptor: FrameCryptor;
  readonly data: DataCryptor;
  readonly reporter: DropReporter;
}

let call: Call | undefined;
const keyFrames = new KeyFrameRequests();

const post = (message: WorkerMessage) => scope.postMessage(message);

async function configure(config: WorkerConfig): Promise<Call> {
  call?.reporter.stop();
  call?.cryptor.clear();
  call?.data.clear();
  call?.agreement.forget();
  const x25519 = config.x25519 ?? (await detectX25519());
  const reporter = new DropReporter({ periodMs: DROP_REPORT_MS, alarmRate: 0.2, alarmMinimum: 10 }, (report) => post({ kind: 'drop-report', report } satisfies WorkerEvent));
  const cryptor = new FrameCryptor(
    { suite: config.suite, graceMs: config.keyGraceMs, ratchetWindow: RATCHET_WINDOW, failureTolerance: config.failureTolerance, probeIntervalMs: PROBE_INTERVAL_MS },
    {
      drop: (reason) => reporter.drop(reason),
      decrypted: () => reporter.decrypted(),
      keyFrameNeeded: (side) => {
        if (keyFrames.request(side)) post({ kind: 'key-frame-needed', side } satisfies WorkerEvent);
      },
      keyInvalid: (kid) => post({ kind: 'key-invalid', kid } satisfies WorkerEvent),
    },
  );
  const context = { room: config.room, role: config.role, callSecret: config.callSecret.slice(), macKey: await macKey(config.callSecret), x25519 };
  config.callSecret.fill(0);
  return { agreement: new KeyAgreement(context, config.firstKid), cryptor, data: new DataCryptor(), reporter };
}

async function agreementReply(id: number, current: Call, step: AgreementStep): Promise<WorkerReply> {
  if (step.keys) {
    const { sendKid, sendDataKey, receiveKid, receiveDataKey } = step.keys;
    await current.data.setKeys(sendKid, sendDataKey, receiveKid, receiveDataKey);
    await current.cryptor.setKeys(step.keys);
  }
  return { kind: 'agreement', id, send: step.send, status: step.status, sendKid: current.cryptor.sendKid };
}

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.kind) {
    case 'configure':
      call = await configure(command.config);
      return { kind: 'done', id: command.id };
    case 'attach-streams':
      pipeFrames(command.side, command.media, command.readable, command.writable, () => call?.cryptor);
      return { kind: 'done', id: command.id };
    case 'ping':
      return { kind: 'pong', id: command.id };
    case 'generate-key-frame':
      keyFrames.request('send');
      return { kind: 'done', id: command.id };
  }
  const current = configured();
  switch (command.kind) {
    case 'begin':
      return agreementReply(command.id, current, await current.agreement.begin(command.peer));
    case 'agreement-message':
      return agreementReply(command.id, current, await current.agreement.receive(command.peer, command.message));
    case 'forget':
      current.agreement.forget();
      current.cryptor.clear();
      current.data.clear();
      return { kind: 'done', id: command.id };
    case 'rotate': {
      const sendKid = await current.cryptor.rotate();
      current.agreement.noteSendKid(sendKid);
      return { kind: 'rotated', id: command.id, sendKid };
    }
    case 'stats':
      return { kind: 'stats', id: command.id, stats: current.cryptor.stats };
    case 'seal-data':
      return { kind: 'sealed', id: command.id, frame: await current.data.seal(command.plaintext) };
    case 'open-data':
      return { kind: 'opened', id: command.id, opened: await current.data.open(command.frame) };
  }
}

function configured(): Call {
  if (!call) throw new Error('The E2EE worker was not configured.');
  return call;
}

// One command at a time, in order: the agreement is a state machine, and a reply must not
// overtake the one before it.
let queue: Promise<unknown> = Promise.resolve();

scope.onmessage = (event: MessageEvent<WorkerCommand>) => {
  const command = event.data;
  queue = queue.then(() =>
    handle(command).then(
      (reply) => post(reply),
      (error: unknown) => post({ kind: 'failed', id: command.id, message: error instanceof Error ? error.message : String(error) }),
    ),
  );
};

scope.onrtctransform = (event) => {
  const transformer = event.transformer;
  keyFrames.add(transformer);
  pipeFrames(transformer.options.side, transformer.options.media, transformer.readable, transformer.writable, () => call?.cryptor, () => keyFrames.remove(transformer));
};

post({ kind: 'ready' });
