// Who may do what: the two roles, the action each needs, and the check every admin endpoint makes.

/** A role on a site: a *viewer* reads its reports and dashboard; an *admin* also changes things. */
export type Role = 'viewer' | 'admin';

/** The roles, least first. */
export const ROLES: readonly Role[] = ['viewer', 'admin'];

/**
 * The least role each action needs on its site. An endpoint names its action and asks {@link allows};
 * adding a feature (erasure, e-mail link minting) is a line here and that one call — `erasure` and
 * `links.mint` are here already so the endpoints that will carry them need no new rule.
 */
export const ACTION_ROLES = {
  'reports.read': 'viewer',
  'catalogue.read': 'viewer',
  'checks.read': 'viewer',
  'catalogue.import': 'admin',
  'checks.run': 'admin',
  'access.manage': 'admin',
  'shared-links.manage': 'admin',
  'audit.read': 'admin',
  erasure: 'admin',
  'links.mint': 'admin',
} as const satisfies Record<string, Role>;

/** Something an admin endpoint does, checked with {@link allows}. */
export type Action = keyof typeof ACTION_ROLES;

/** `site` = a site id, or `*` for every site. */
export interface Grant {
  site: string;
  role: Role;
}

/** Who is calling: a personal access key (directly or through a session), the `--admin-token`, or the CLI. */
export interface Principal {
  /** the key id, `admin-token`, or `cli:<user>` — what the audit log records */
  id: string;
  /** the key's name, for people */
  name: string;
  grants: readonly Grant[];
}

const rank = (role: Role | undefined) => (role ? ROLES.indexOf(role) : -1);

/**
 * The principal's role on `site` (`undefined`: no access): the stronger of its grant for that site and
 * its `*` grant. Without a site (a question about every site at once) only the `*` grant counts.
 * @example roleOn({ id: 'k1', name: 'Ana', grants: [{ site: 'shop', role: 'viewer' }] }, 'shop') // 'viewer'
 */
export function roleOn(principal: Principal, site: string | undefined): Role | undefined {
  let best: Role | undefined;
  for (const g of principal.grants) {
    if ((g.site === '*' || g.site === site) && rank(g.role) > rank(best)) best = g.role;
  }
  return best;
}

/**
 * True when the principal may do `action` on `site` (`undefined` = on every site, as a report without a
 * site filter reads them all).
 * @example allows(principal, 'checks.run', 'shop')
 */
export function allows(principal: Principal, action: Action, site: string | undefined): boolean {
  return rank(roleOn(principal, site)) >= rank(ACTION_ROLES[action]);
}

/** True when the grants cover every site (a `*` grant of any role). */
export function seesAllSites(principal: Principal): boolean {
  return principal.grants.some((g) => g.site === '*');
}

/** Checks a role name from outside (CLI flags, API bodies). */
export function isRole(value: unknown): value is Role {
  return value === 'viewer' || value === 'admin';
}
