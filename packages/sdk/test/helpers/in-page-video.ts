/**
 * Firefox 140 ESR presents no video between two SDK calls in one test page (each with its own
 * E2EE worker): 0 frames, where Firefox 153 presents them. Outside the test runner two calls in
 * one Firefox 140 page render, and SDK calls between Firefox 140 and Chromium decode both ways
 * (cross-browser.node.test.ts). Not diagnosed to the end; see docs/browsers.md.
 */
const firefoxMajor = Number(/Firefox\/(\d+)/.exec(navigator.userAgent)?.[1] ?? Number.NaN);

export const inPageVideo = !(firefoxMajor < 153);

/** `it`, or in Firefox before 153 a skipped `it` whose title says why. */
export function itWithInPageVideo(title: string, test: Mocha.Func): Mocha.Test {
  return inPageVideo
    ? it(title, test)
    : it.skip(`${title} [skipped: Firefox ${firefoxMajor} presents no video between two calls in one page; calls between pages work]`, test);
}
