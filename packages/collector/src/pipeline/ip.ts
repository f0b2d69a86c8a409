import { isIPv4, isIPv6 } from 'node:net';

/** How client IPs are kept: truncated to a network prefix (default) or dropped. */
export interface IpPolicy {
  mode: 'truncate' | 'drop';
  /** IPv4 prefix bits kept (default 24) */
  v4Bits?: number;
  /** IPv6 prefix bits kept (default 48) */
  v6Bits?: number;
}

function truncateV4(ip: string, bits: number): string {
  const n = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  const mask = bits <= 0 ? 0 : bits >= 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
  const m = (n & mask) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join('.');
}

function expandV6(ip: string): number[] {
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  let left = part(head);
  let right = part(tail);
  // An embedded IPv4 tail (::ffff:1.2.3.4) is two 16-bit groups.
  const v4 = (xs: string[]) => {
    const last = xs[xs.length - 1];
    if (!last || !last.includes('.')) return xs;
    const [a, b, c, d] = last.split('.').map(Number) as [number, number, number, number];
    return [...xs.slice(0, -1), ((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  };
  if (tail === undefined) left = v4(left);
  else right = v4(right);
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16) || 0);
}

/**
 * Anonymises a client IP: IPv4 to its /24 (`203.0.113.77` → `203.0.113.0`), IPv6 to its /48
 * (`2001:db8:1234:5678::1` → `2001:db8:1234::`), IPv4-mapped IPv6 as IPv4; `null` when dropped or
 * not an IP. The raw address is never returned.
 *
 * @param ip - the client address
 * @param policy - default `{ mode: 'truncate', v4Bits: 24, v6Bits: 48 }`
 * @example
 * anonymizeIp('203.0.113.77'); // '203.0.113.0'
 */
export function anonymizeIp(ip: string | null | undefined, policy: IpPolicy = { mode: 'truncate' }): string | null {
  if (!ip || policy.mode === 'drop') return null;
  const v4Bits = Math.min(policy.v4Bits ?? 24, 31);
  const v6Bits = Math.min(policy.v6Bits ?? 48, 127);
  const clean = ip.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(clean)) return truncateV4(clean, v4Bits);
  if (!isIPv6(clean)) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(clean);
  if (mapped) return truncateV4(mapped[1]!, v4Bits);
  const groups = expandV6(clean).map((g, i) => {
    const keep = Math.max(0, Math.min(16, v6Bits - i * 16));
    return keep === 0 ? 0 : g & ((0xffff << (16 - keep)) & 0xffff);
  });
  // Compress the trailing zero groups the way addresses are usually written.
  let end = 8;
  while (end > 0 && groups[end - 1] === 0) end--;
  const head = groups.slice(0, end).map((g) => g.toString(16)).join(':');
  return end === 8 ? head : `${head}::`;
}
