/** `it` where `applies`, else a skipped `it` whose title ends with `[skipped: reason]`: never a silent skip. */
export function itWhere(applies: boolean, reason: string): (title: string, test: Mocha.Func) => Mocha.Test {
  return (title, test) => (applies ? it(title, test) : it.skip(`${title} [skipped: ${reason}]`, test));
}
