import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Builds a check for `Authorization: Bearer <token>`. Both sides are hashed first so the comparison is
 * constant-time whatever the lengths (timingSafeEqual alone would leak the token's length by throwing).
 * @example const isAdmin = createTokenCheck(process.env.TOUCHPOINT_ADMIN_TOKEN!); isAdmin(request)
 */
export function createTokenCheck(token: string): (request: Request) => boolean {
  if (typeof token !== 'string' || token.length < 16) {
    throw new Error('admin token: must be at least 16 characters (e.g. `openssl rand -hex 24`)');
  }
  const expected = createHash('sha256').update(token).digest();
  return (request) => {
    const header = request.headers.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const given = createHash('sha256').update(m?.[1] ?? '').digest();
    return timingSafeEqual(given, expected) && m !== null;
  };
}
