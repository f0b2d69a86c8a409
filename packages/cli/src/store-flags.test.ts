import { describe, expect, it } from 'vitest';
import { storeOptionsFromFlags } from './store-flags.js';

describe('store flags', () => {
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
