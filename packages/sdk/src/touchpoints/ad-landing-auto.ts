import { campaignFromSearch } from '@touchpoint/schema';
import type { Feature } from '../types.js';

/** Tags `ad_landing` on load when the URL has a UTM parameter or an ad click id. Off with `adLandings: false`. */
export const autoAdLanding: Feature = (client, c) => {
  if (c.adLandings !== false && campaignFromSearch(location.search)) client.adLanding();
};
