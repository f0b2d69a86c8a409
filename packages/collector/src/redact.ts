/**
 * A connection URL fit for logs: the password of a PostgreSQL (or any) URL masked.
 * @example redactUrl('postgres://app:s3cret@db.internal/touchpoint') // 'postgres://app:***@db.internal/touchpoint'
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return `${url.split(':')[0] || 'url'}://(unparseable URL)`;
  }
}

/**
 * A NATS server list fit for logs: each `nats://user:pass@host` or `nats://token@host` credential masked.
 * @example redactNatsUrl('nats://app:s3cret@a:4222,nats://b:4222') // 'nats://***@a:4222,nats://b:4222'
 */
export function redactNatsUrl(url: string): string {
  return url
    .split(',')
    .map((u) => u.trim().replace(/^(nats|tls|ws|wss):\/\/[^@/]*@/i, (_, scheme: string) => `${scheme}://***@`))
    .join(',');
}
