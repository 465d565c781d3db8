import type { TenantSettings } from '@sealcall/protocol';
import type { TemplateOverrides } from './types.js';

/**
 * The tenant's own wording of invitations (an admin's `invitationTemplates` setting) for
 * `locale`, as `renderInvitation`'s `overrides`: the entry for the exact tag (`nl-BE`), else the
 * one for its language (`nl`), else none.
 */
export function tenantTemplateOverrides(settings: Pick<TenantSettings, 'invitationTemplates'>, locale: string): TemplateOverrides | undefined {
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  const entries = settings.invitationTemplates;
  const entry = entries.find((e) => e.locale.toLowerCase() === wanted) ?? entries.find((e) => e.locale.toLowerCase() === language);
  if (entry === undefined) return undefined;
  return { ...(entry.strings === undefined ? {} : { strings: entry.strings }), ...(entry.templates === undefined ? {} : { templates: entry.templates }) };
}
