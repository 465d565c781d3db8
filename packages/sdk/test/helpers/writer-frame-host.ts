import type { WriterFrame } from './writer-frame.js';

/** A WriterFrame in an iframe of this page; `close()` removes the frame, as closing its tab would. */
export async function openWriterFrame(): Promise<WriterFrame & { close(): void }> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./writer-frame.html', import.meta.url).href;
  document.body.append(frame);
  const deadline = Date.now() + 15_000;
  let api: WriterFrame | undefined;
  while (!(api = (frame.contentWindow as (Window & { writerFrame?: WriterFrame }) | null)?.writerFrame)) {
    if (Date.now() > deadline) throw new Error('The writer frame did not load within 15 s.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { upload: api.upload, store: api.store, close: () => frame.remove() };
}
