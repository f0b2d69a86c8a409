// What one authenticated admin API call carries: who is calling, from where, the clock, the store, and
// the role check and audit record every endpoint uses.
import { HttpError } from '../http-error.js';
import type { Store } from '../store/types.js';
import type { Caller } from './authenticate.js';
import { ACTION_ROLES, allows, roleOn, type Action } from './roles.js';

/** One authenticated call. */
export interface ApiContext {
  store: Store;
  caller: Caller;
  ip: string | null;
  https: boolean;
  now: () => number;
  /** throws 403 unless the caller may do `action` on `site` (`undefined` = on every site) */
  need(action: Action, site: string | undefined): void;
  /** records an admin action in the audit log, as the caller */
  audit(action: string, site: string | null, detail?: Record<string, unknown>): Promise<void>;
}

/** Builds the context of one call. */
export function apiContext(input: Omit<ApiContext, 'need' | 'audit'>, record: (entry: { actor: string; actorName: string; action: string; site: string | null; detail: Record<string, unknown>; ip: string | null; at: number }) => Promise<void>): ApiContext {
  const { principal } = input.caller;
  return {
    ...input,
    need(action, site) {
      if (allows(principal, action, site)) return;
      const has = roleOn(principal, site);
      const need = ACTION_ROLES[action];
      throw new HttpError(403, site === undefined
        ? `${principal.name} cannot ${action} on every site at once: choose a site`
        : has ? `${principal.name} is a ${has} of site "${site}": ${action} needs an ${need}` : `${principal.name} has no access to site "${site}"`);
    },
    audit: (action, site, detail = {}) => record({ actor: principal.id, actorName: principal.name, action, site, detail, ip: input.ip, at: input.now() }),
  };
}
