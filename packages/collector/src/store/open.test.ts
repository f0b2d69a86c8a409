import { describe, expect, it } from 'vitest';
import { describeStore, postgresUrl } from './open.js';

describe('store selection', () => {
  it('takes --pg first, then DATABASE_URL unless --db was given', () => {
    const env = { DATABASE_URL: 'postgres://env@db/touchpoint' };
    expect(postgresUrl({ pg: 'postgres://flag@db/t', env })).toBe('postgres://flag@db/t');
    expect(postgresUrl({ env })).toBe('postgres://env@db/touchpoint');
    expect(postgresUrl({ db: './touchpoint.db', env })).toBeUndefined();
    expect(postgresUrl({ env: {} })).toBeUndefined();
  });

  it('describes where events go without passwords', () => {
    expect(describeStore({ pg: 'postgres://collector:s3cret@db:5432/touchpoint', pgSchema: 'tp', env: {} })).toBe('PostgreSQL postgres://collector:***@db:5432/touchpoint schema tp');
    expect(describeStore({ stream: 'nats://user:s3cret@n1:4222,nats://n2:4222', env: {} })).toBe('JetStream nats://***@n1:4222,nats://n2:4222 stream TOUCHPOINT');
    expect(describeStore({ db: 'x.db', env: {} })).toBe('SQLite x.db');
  });
});
