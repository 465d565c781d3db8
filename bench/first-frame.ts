/** When a `<video>` playing `stream` presents its first frame (`performance.now()`); it is paused after. */
export function firstPresentedFrame(stream: MediaStream): Promise<number> {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  const playing = video.play();
  return new Promise((resolve) =>
    video.requestVideoFrameCallback(() => {
      resolve(performance.now());
      // Pausing before play() settled would reject it.
      void playing.then(() => video.pause());
    }),
  );
}
