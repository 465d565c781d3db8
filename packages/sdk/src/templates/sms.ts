import { templateError } from './errors.js';
import type { ChannelInput } from './layout.js';
import { fill, requirePlaceholders } from './placeholders.js';
import { measureSms } from './sms-encoding.js';
import type { RenderedSms } from './types.js';

export const DEFAULT_MAX_SEGMENTS = 3;

/**
 * The `sms` string if it fits in `maxSegments`, else `smsShort`, else TEMPLATE_TOO_LONG. SMS
 * has no markup: values go in as they are (clean: no line breaks, no controls).
 */
export function renderSms({ strings, values }: ChannelInput, maxSegments = DEFAULT_MAX_SEGMENTS): RenderedSms {
  if (!Number.isSafeInteger(maxSegments) || maxSegments < 1 || maxSegments > 255) {
    throw templateError('INVALID_ARGUMENT', `"maxSegments" expected a whole number from 1 to 255, got ${String(maxSegments)}`);
  }
  let needed = 0;
  for (const [key, variant] of [['sms', 'full'], ['smsShort', 'short']] as const) {
    requirePlaceholders(strings[key], `strings.${key}`);
    const text = fill(strings[key], values, `strings.${key}`);
    const measure = measureSms(text);
    if (measure.segments <= maxSegments) return { text, variant, ...measure };
    needed = measure.segments;
  }
  throw templateError(
    'TEMPLATE_TOO_LONG',
    `Even the short SMS takes ${needed} segments, more than maxSegments=${maxSegments}. Shorten the link, the organisation or strings.smsShort, or allow more segments.`,
  );
}
