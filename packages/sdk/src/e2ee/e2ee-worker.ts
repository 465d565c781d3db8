/// <reference lib="webworker" />
// The E2EE worker: every audio and video frame of a call passes through here. It must never
// log payloads or keys, and never throw into a transform.
import { FrameCryptor } from './frame-cryptor.js';
import type { ScriptTransformOptions, TransformSide, WorkerCommand, WorkerReply } from './worker-protocol.js';

interface EncodedFrame {
  data: ArrayBuffer;
}

interface RTCTransformEvent extends Event {
  readonly transformer: { readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame>; options: ScriptTransformOptions };
}

const scope = self as unknown as DedicatedWorkerGlobalScope & { onrtctransform: ((event: RTCTransformEvent) => void) | null };
let cryptor: FrameCryptor | undefined;

function pipe(side: TransformSide, readable: ReadableStream<EncodedFrame>, writable: WritableStream<EncodedFrame>): void {
  const transform = new TransformStream<EncodedFrame, EncodedFrame>({
    async transform(frame, controller) {
      if (!cryptor) return;
      const data = side === 'send' ? await cryptor.encrypt(frame.data) : await cryptor.decrypt(frame.data);
      if (data === undefined) return;
      frame.data = data;
      controller.enqueue(frame);
    },
  });
  // The pipe ends when the track or connection does; nothing to report then.
  readable.pipeThrough(transform).pipeTo(writable).catch(() => undefined);
}

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.kind) {
    case 'configure':
      cryptor = new FrameCryptor({ suite: command.suite, keyGraceMs: command.keyGraceMs });
      return { kind: 'done', id: command.id };
    case 'attach-streams':
      pipe(command.side, command.readable as ReadableStream<EncodedFrame>, command.writable as WritableStream<EncodedFrame>);
      return { kind: 'done', id: command.id };
    case 'set-keys':
      await configured().setKeys(command);
      return { kind: 'done', id: command.id };
    case 'rotate':
      return { kind: 'rotated', id: command.id, sendKid: await configured().rotate() };
    case 'clear':
      configured().clear();
      return { kind: 'done', id: command.id };
    case 'stats':
      return { kind: 'stats', id: command.id, stats: configured().stats };
  }
}

function configured(): FrameCryptor {
  if (!cryptor) throw new Error('The E2EE worker was not configured.');
  return cryptor;
}

scope.onmessage = (event: MessageEvent<WorkerCommand>) => {
  const command = event.data;
  handle(command).then(
    (reply) => scope.postMessage(reply),
    (error: unknown) => scope.postMessage({ kind: 'failed', id: command.id, message: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
};

scope.onrtctransform = (event) => {
  const { readable, writable, options } = event.transformer;
  pipe(options.side, readable, writable);
};
