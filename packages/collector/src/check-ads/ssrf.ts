import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Which targets the checker may connect to. */
export interface TargetPolicy {
  /** allow loopback addresses (127.0.0.0/8, ::1) — the CLI's `--allow-loopback`, for a marketer's local preview */
  allowLoopback?: boolean;
  /**
   * Hosts, addresses or CIDR ranges allowed even though they are private (tests, intranets), e.g.
   * `['staging.internal', '10.20.0.0/16', '127.0.0.1']`. Default: none.
   */
  allow?: readonly string[];
}

// Everything that is not the public internet: RFC 1918/6598/5737/3927/4193/4291 and friends.
const PRIVATE_V4 = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const;
const PRIVATE_V6 = [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b:1::', 48]] as const;

const blocked = new BlockList();
for (const [net, prefix] of PRIVATE_V4) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of PRIVATE_V6) blocked.addSubnet(net, prefix, 'ipv6');

/** Maps `::ffff:10.0.0.1` (IPv4-mapped IPv6) to `10.0.0.1`, so a mapped private address is still private. */
const unmap = (ip: string) => {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m?.[1] ?? ip;
};

/**
 * True when `ip` is not a public internet address: private, loopback, link-local (including the cloud
 * metadata address 169.254.169.254), carrier-grade NAT, multicast, documentation or unspecified ranges.
 * @example isPrivateAddress('169.254.169.254') // true
 */
export function isPrivateAddress(ip: string): boolean {
  const a = unmap(ip);
  const family = isIP(a);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return blocked.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

const isLoopback = (ip: string) => {
  const a = unmap(ip);
  return a === '::1' || /^127\./.test(a);
};

/** The policy compiled once: answers whether one host/address pair may be connected to. */
export interface TargetGuard {
  /** `undefined` when allowed, else the reason in plain words */
  refuse(host: string, address: string): string | undefined;
  /** a `lookup` for `http.request` that resolves DNS and refuses the connection if any address is refused */
  lookup: typeof dnsLookup;
}

/**
 * Builds the SSRF guard used on every hop of every check. The check happens inside the socket's DNS
 * lookup, so the address checked is the address connected to (no gap for DNS rebinding between a check
 * and the connection); every address a name resolves to must be allowed.
 * @example const guard = createTargetGuard({ allow: ['127.0.0.1'] })
 */
export function createTargetGuard(policy: TargetPolicy = {}): TargetGuard {
  const hosts = new Set<string>();
  const ranges = new BlockList();
  for (const entry of policy.allow ?? []) {
    const [net = '', bits] = entry.split('/');
    const family = isIP(net);
    if (family && bits !== undefined) ranges.addSubnet(net, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
    else if (family) ranges.addAddress(net, family === 4 ? 'ipv4' : 'ipv6');
    else hosts.add(entry.toLowerCase());
  }
  const refuse = (host: string, address: string): string | undefined => {
    if (hosts.has(host.toLowerCase().replace(/^\[|\]$/g, ''))) return undefined;
    const a = unmap(address);
    const family = isIP(a);
    if (family && ranges.check(a, family === 4 ? 'ipv4' : 'ipv6')) return undefined;
    if (policy.allowLoopback && isLoopback(a)) return undefined;
    if (isPrivateAddress(a)) return `refused: ${host} resolves to a private or local address (${address})`;
    return undefined;
  };
  const lookup = ((hostname: string, options: unknown, callback: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (err: Error | null, address: string | LookupAddress[], family?: number) => void;
    const opts = (typeof options === 'object' && options !== null ? options : {}) as { all?: boolean; family?: number };
    dnsLookup(hostname, { family: opts.family ?? 0, all: true }, (err, addresses) => {
      if (err) return cb(err, '');
      for (const { address } of addresses) {
        const reason = refuse(hostname, address);
        if (reason) return cb(Object.assign(new Error(reason), { code: 'ETOUCHPOINT_SSRF' }), '');
      }
      const first = addresses[0];
      if (!first) return cb(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      if (opts.all) cb(null, addresses);
      else cb(null, first.address, first.family);
    });
  }) as unknown as typeof dnsLookup;
  return { refuse, lookup };
}
