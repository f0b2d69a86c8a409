// `POST /api/email-links`: mints the open pixel and click redirect of one recipient of a campaign. Needs
// the admin role on the site (`links.mint`); audit-logged with the link's opaque reference and campaign,
// never the recipient's user id (erasing a person must not leave their id in the audit log).
import type { EmailLinks } from '../email/email-links.js';
import { HttpError } from '../http-error.js';
import type { ApiContext } from './api-context.js';
import { json, readJsonObject } from './http.js';
import { BadParam } from './params.js';

const DAY = 86_400_000;

/** The e-mail link endpoint; `undefined` for a path that is not its own. */
export async function emailLinkApi(request: Request, url: URL, ctx: ApiContext, links: Pick<EmailLinks, 'mint'> | undefined): Promise<Response | undefined> {
  if (url.pathname !== '/api/email-links') return undefined;
  if (request.method !== 'POST') throw new HttpError(405, 'use POST', { allow: 'POST' });
  const body = await readJsonObject(request);
  if (typeof body.site !== 'string' || !body.site) throw new BadParam('site: required');
  ctx.need('links.mint', body.site);
  if (!links) throw new HttpError(501, 'e-mail links are not configured on this collector (serve --email-keys, or createAdminRoutes({ emailLinks }))');
  for (const k of ['campaign', 'user', 'to'] as const) if (typeof body[k] !== 'string' || !body[k]) throw new BadParam(`${k}: required`);
  const days = body.expiresInDays;
  if (days !== undefined && (typeof days !== 'number' || !(days > 0))) throw new BadParam('expiresInDays: a positive number of days');
  let minted;
  try {
    minted = await links.mint({ site: body.site, campaign: body.campaign as string, userId: body.user as string, destination: body.to as string, ...(days !== undefined ? { expiresAt: ctx.now() + (days as number) * DAY } : {}) });
  } catch (err) {
    throw new BadParam((err as Error).message);
  }
  await ctx.audit('email-link.mint', minted.site, { ref: minted.ref, campaign: minted.campaign, expiresAt: minted.expiresAt });
  return json(201, minted);
}
