import type { Locale } from '@brobygge/core';
import { layout, Rendered, RenderContext, Template } from './template';
import { digest } from './digest';
import { followUp } from './follow-up';
import { invitation } from './invitation';
import { offerLapsed, requestLapsed } from './lapsed';
import { MATCH_TYPES, matchTemplate } from './match';
import { matchMessage } from './match-message';
import { organizationVerified } from './organization-verified';
import { outreach } from './outreach';
import { placementSupervisorChanged } from './placement-supervisor-changed';
import { requestCreatedForSchool } from './request-created-for-school';
import { testEmail } from './test-email';

/** One template per notification type. */
export const TEMPLATES: Record<string, Template> = {
  test_email: testEmail,
  invitation,
  organization_verified: organizationVerified,
  digest,
  request_lapsed: requestLapsed,
  offer_lapsed: offerLapsed,
  follow_up: followUp,
  outreach,
  request_created_for_school: requestCreatedForSchool,
  match_message: matchMessage,
  placement_supervisor_changed: placementSupervisorChanged,
  ...Object.fromEntries(MATCH_TYPES.map((t) => [t, matchTemplate(t)])),
};

export function render(type: string, payload: Record<string, unknown>, locale: Locale, ctx: RenderContext): Rendered {
  const template = TEMPLATES[type];
  if (!template) throw new Error(`No template for notification type "${type}"`);
  return layout(template(payload, locale, ctx));
}

export type { Rendered, RenderContext } from './template';
