import { resolveLocale } from './catalogues.js';
import { renderEmail } from './email.js';
import { templateError } from './errors.js';
import type { ChannelInput } from './layout.js';
import { prepareValues } from './variables.js';
import { renderSms } from './sms.js';
import { withStringOverrides } from './string-overrides.js';
import type { InvitationChannel, RenderedInvitations, RenderInvitationOptions } from './types.js';
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
  const input: ChannelInput = { tag, strings: withStringOverrides(catalogue, overrides?.strings), values: prepareValues(variables, tag) };
  const rendered =
    channel === 'email'
      ? renderEmail(input, overrides?.templates)
      : channel === 'sms'
        ? renderSms(input, options.maxSegments)
        : renderWhatsApp(input, overrides?.templates);
  return rendered as RenderedInvitations[C];
}
