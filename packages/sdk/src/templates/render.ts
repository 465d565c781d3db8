import { resolveLocale } from './catalogues.js';
import { renderEmail } from './email.js';
import { templateError } from './errors.js';
import type { ChannelInput } from './layout.js';
import { prepareValues } from './variables.js';
import { renderSms } from './sms.js';
import type { InvitationChannel, RenderedInvitations, RenderInvitationOptions, TemplateStrings } from './types.js';
import { renderWhatsApp } from './whatsapp.js';

const CHANNELS: readonly InvitationChannel[] = ['email', 'sms', 'whatsapp'];

/**
 * Renders an invitation for one channel in the customer's language. Throws a SealcallError:
 * TEMPLATE_UNKNOWN_LOCALE, TEMPLATE_VARIABLE_MISSING (a placeholder without a value),
 * TEMPLATE_UNSAFE_LINK (a link that is not https), TEMPLATE_TOO_LONG (SMS), INVALID_ARGUMENT.
 */
export function renderInvitation<C extends InvitationChannel>(options: RenderInvitationOptions<C>): RenderedInvitations[C] {
  const { channel, locale, variables, overrides } = options;
  if (!CHANNELS.includes(channel)) {
    throw templateError('INVALID_ARGUMENT', `"channel" expected 'email', 'sms' or 'whatsapp', got ${JSON.stringify(channel)}`);
  }
  const { tag, strings: catalogue } = resolveLocale(locale, overrides?.catalogue);
  const input: ChannelInput = { tag, strings: withOverrides(catalogue, overrides?.strings), values: prepareValues(variables, tag) };
  const rendered =
    channel === 'email'
      ? renderEmail(input, overrides?.templates)
      : channel === 'sms'
        ? renderSms(input, options.maxSegments)
        : renderWhatsApp(input, overrides?.templates);
  return rendered as RenderedInvitations[C];
}

function withOverrides(catalogue: TemplateStrings, strings: Partial<TemplateStrings> | undefined): TemplateStrings {
  if (strings === undefined) return catalogue;
  for (const [key, value] of Object.entries(strings)) {
    if (!Object.hasOwn(catalogue, key)) throw templateError('INVALID_ARGUMENT', `"overrides.strings" has no string ${JSON.stringify(key)}`);
    if (value !== undefined && typeof value !== 'string') {
      throw templateError('INVALID_ARGUMENT', `"overrides.strings.${key}" expected a string, got ${typeof value}`);
    }
  }
  const defined = Object.entries(strings).filter(([, value]) => value !== undefined);
  return { ...catalogue, ...Object.fromEntries(defined) };
}
