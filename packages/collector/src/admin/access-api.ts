// Managing access over the API: personal access keys, shared report links and the audit log. Every
// change is recorded in the audit log, one entry per site it touches.
import { HttpError } from '../http-error.js';
import type { ApiContext } from './api-context.js';
import { readAudit } from './audit.js';
import { json, readJsonObject } from './http.js';
import { createAccessKey, getAccessKey, isKeyId, listAccessKeys, revokeAccessKey, validGrants, type AccessKey } from './keys.js';
import { BadParam, parseTime } from './params.js';
import { allows, seesAllSites, type Principal } from './roles.js';
import { createSharedLink, getSharedLink, listSharedLinks, MAX_SHARE_DAYS, revokeSharedLink, sharedLinkPath } from './shared-links.js';

const DAY = 86_400_000;

/** The sites a principal administers by name (`undefined`: every site, through a `*` admin grant). */
function administered(principal: Principal): string[] | undefined {
  if (allows(principal, 'access.manage', undefined)) return undefined;
  return principal.grants.filter((g) => g.site !== '*' && allows(principal, 'access.manage', g.site)).map((g) => g.site);
}

/** A key is the caller's to see and revoke when the caller administers every site it reaches. */
const manageable = (principal: Principal, key: Pick<AccessKey, 'grants'>) =>
  key.grants.every((g) => allows(principal, 'access.manage', g.site === '*' ? undefined : g.site));

/** The access endpoints; `undefined` for a path that is not theirs. */
export async function accessApi(request: Request, url: URL, ctx: ApiContext): Promise<Response | undefined> {
  const { store, caller, now } = ctx;
  const { principal } = caller;
  const path = url.pathname;
  const method = request.method;

  if (path === '/api/access/keys' && method === 'GET') {
    if (administered(principal)?.length === 0) ctx.need('access.manage', undefined);
    return json(200, { keys: (await listAccessKeys(store)).filter((k) => manageable(principal, k)) });
  }
  if (path === '/api/access/keys' && method === 'POST') {
    const body = await readJsonObject(request);
    let grants;
    try {
      grants = validGrants(body.grants);
    } catch (err) {
      throw new BadParam((err as Error).message);
    }
    for (const g of grants) ctx.need('access.manage', g.site === '*' ? undefined : g.site);
    if (typeof body.name !== 'string') throw new BadParam('name: required');
    let created;
    try {
      created = await createAccessKey(store, { name: body.name, grants, createdBy: principal.id, now: now() });
    } catch (err) {
      throw new BadParam((err as Error).message);
    }
    for (const g of grants) await ctx.audit('key.create', g.site, { key: created.key.id, name: created.key.name, role: g.role });
    return json(201, created);
  }
  const keyPath = /^\/api\/access\/keys\/([^/]+)$/.exec(path);
  if (keyPath && method === 'DELETE') {
    const id = decodeURIComponent(keyPath[1]!);
    const key = isKeyId(id) ? await getAccessKey(store, id) : undefined;
    // Someone else's key is "not found": its existence is not the caller's business.
    if (!key || !manageable(principal, key)) throw new HttpError(404, `no key ${id}`);
    const revoked = await revokeAccessKey(store, id, now());
    if (revoked) for (const g of key.grants) await ctx.audit('key.revoke', g.site, { key: id, name: key.name });
    return json(200, { revoked, id });
  }

  if (path === '/api/shared-links' && method === 'GET') {
    const site = url.searchParams.get('site');
    if (site) ctx.need('shared-links.manage', site);
    const sites = site ? [site] : administered(principal);
    if (sites?.length === 0) ctx.need('shared-links.manage', undefined);
    return json(200, { links: await listSharedLinks(store, sites) });
  }
  if (path === '/api/shared-links' && method === 'POST') {
    const body = await readJsonObject(request);
    if (typeof body.site !== 'string' || !body.site) throw new BadParam('site: required');
    ctx.need('shared-links.manage', body.site);
    const days = body.expiresInDays ?? 30;
    if (typeof days !== 'number' || !(days > 0) || days > MAX_SHARE_DAYS) throw new BadParam(`expiresInDays: a number of days from 0 to ${MAX_SHARE_DAYS}`);
    let created;
    try {
      created = await createSharedLink(store, { site: body.site, report: String(body.report ?? ''), expiresAt: now() + days * DAY, label: typeof body.label === 'string' ? body.label : null, createdBy: principal.id, now: now() });
    } catch (err) {
      throw new BadParam((err as Error).message);
    }
    await ctx.audit('shared-link.create', body.site, { link: created.link.id, report: created.link.report, expiresAt: created.link.expiresAt });
    return json(201, { ...created, path: sharedLinkPath(created.token) });
  }
  const linkPath = /^\/api\/shared-links\/([^/]+)$/.exec(path);
  if (linkPath && method === 'DELETE') {
    const id = decodeURIComponent(linkPath[1]!);
    const link = await getSharedLink(store, id);
    if (!link || !allows(principal, 'shared-links.manage', link.site)) throw new HttpError(404, `no shared link ${id}`);
    const revoked = await revokeSharedLink(store, id, now());
    if (revoked) await ctx.audit('shared-link.revoke', link.site, { link: id, report: link.report });
    return json(200, { revoked, id });
  }

  if (path === '/api/audit' && method === 'GET') {
    const q = url.searchParams;
    const site = q.get('site');
    if (site) ctx.need('audit.read', site);
    const sites = site ? [site] : seesAllSites(principal) && allows(principal, 'audit.read', undefined) ? undefined : administered(principal);
    if (sites?.length === 0) ctx.need('audit.read', undefined);
    const limit = q.get('limit');
    if (limit !== null && !/^\d{1,5}$/.test(limit)) throw new BadParam('limit: a number of entries');
    const from = q.get('from');
    const to = q.get('to');
    return json(200, { entries: await readAudit(store, { sites, from: from ? parseTime(from, 'from') : undefined, to: to ? parseTime(to, 'to') : undefined, limit: limit ? Number(limit) : 100 }) });
  }
  return undefined;
}
