import { campaignFromSearch, CONVERSION_NAMES, TOUCHPOINT, type Campaign, type Properties } from '@touchpoint/schema';
import { readAttribution, recordCampaign } from '../context/attribution.js';
import type { Client, Feature, Internals } from '../types.js';
import { checkoutEvent } from './checkout-step.js';
import { feedbackError } from './feedback.js';
import { message } from '../messages.js';

/**
 * The typed helpers of the full build and the npm package: `adLanding` (with first/last-touch
 * attribution, attached to every later conversion), `checkoutStep`, `supportOpen` and `feedback`.
 * The core script-tag build leaves them out: there `tag(name, properties)` does the same by hand.
 */
export const helpers: Feature = (client) => {
  const { _invalid: invalid, _kv: kv, _enrich: enrich, _state: state, track } = client as Client & Internals;
  enrich.push((e) => {
    const a = CONVERSION_NAMES.includes(e.name) && readAttribution(kv);
    if (a && a.first) e.attribution = a;
  });
  Object.assign(client, {
    adLanding(campaign?: Campaign, properties?: Properties) {
      const found = campaign || campaignFromSearch(location.search);
      if (!found) return invalid(message('E15', 'adLanding'));
      const cp = { ts: Date.now(), landingPath: location.pathname, ...found };
      if (state() != 'denied') recordCampaign(kv, cp);
      track(TOUCHPOINT.adLanding, properties, { campaign: cp });
    },
    checkoutStep(step, properties) {
      if (typeof step != 'string' || !step) return invalid(message('E16', 'checkoutStep', step));
      track(...checkoutEvent(step, properties));
    },
    supportOpen(widget, properties) {
      if (typeof widget != 'string' || !widget) return invalid(message('E17', 'supportOpen', widget));
      track(TOUCHPOINT.supportOpen, { ...properties, widget });
    },
    feedback(input) {
      const err = feedbackError(input);
      if (err) return invalid(err);
      track(TOUCHPOINT.feedback, input as unknown as Properties);
    },
  } satisfies Pick<Client, 'adLanding' | 'checkoutStep' | 'supportOpen' | 'feedback'>);
};
