import { sendKeys } from '@web/test-runner-commands';

/**
 * Presses a key the way a keyboard user would, in Chromium (Playwright) and Firefox
 * (Puppeteer over WebDriver BiDi) alike: `'Shift+ArrowDown'` holds the modifiers down around
 * the key, and `'Space'` is sent as the character (BiDi knows no key named Space).
 */
export async function press(combination: string): Promise<void> {
  const keys = combination.split('+');
  const key = keys.pop()!;
  for (const modifier of keys) await sendKeys({ down: modifier });
  await sendKeys({ press: key === 'Space' ? ' ' : key });
  for (const modifier of keys.reverse()) await sendKeys({ up: modifier });
}
