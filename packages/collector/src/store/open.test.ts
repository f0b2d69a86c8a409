import { describe, expect, it } from 'vitest';
import { storeOptionsFromFlags } from './flags.js';
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

  it('reads the store flags, refusing bad numbers and contradictory choices', () => {
    expect(storeOptionsFromFlags({ pg: 'postgres://h/db', 'pg-pool': '20', 'pg-schema': 'tp' })).toEqual({ pg: 'postgres://h/db', pgPool: 20, pgSchema: 'tp' });
    expect(storeOptionsFromFlags({ stream: 'nats://h:4222', 'stream-name': 'S', 'stream-subjects': 'a.b', 'stream-replicas': '3', 'stream-max-bytes': '1000000' })).toEqual({
      stream: 'nats://h:4222', streamName: 'S', streamSubjects: 'a.b', streamReplicas: 3, streamMaxBytes: 1_000_000,
    });
    expect(() => storeOptionsFromFlags({ 'pg-pool': '0' })).toThrow('--pg-pool must be a positive integer, got "0"');
    expect(() => storeOptionsFromFlags({ 'stream-replicas': 'three' })).toThrow('--stream-replicas must be a positive integer');
    expect(() => storeOptionsFromFlags({ pg: 'postgres://h/db', db: 'x.db' })).toThrow('give either --pg or --db, not both');
  });
});
