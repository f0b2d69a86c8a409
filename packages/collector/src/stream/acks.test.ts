import { describe, expect, it } from 'vitest';
import type { JsMsg, NatsConnection } from './nats-client.js';
import { ackAll } from './acks.js';

function delivery(reply: string) {
  const acked: string[] = [];
  return { acked, msg: { reply, ack: () => acked.push(reply) } as unknown as JsMsg };
}

describe('ackAll', () => {
  it('writes one +ACK frame per message to its ack subject, in one buffer', () => {
    const written: string[] = [];
    const nc = { protocol: { sendCommand: (b: Uint8Array) => void written.push(Buffer.from(b).toString()) }, isClosed: () => false, isDraining: () => false } as unknown as NatsConnection;
    const a = delivery('$JS.ACK.S.C.1.1.1.1.0');
    const b = delivery('$JS.ACK.S.C.1.2.2.1.0');
    ackAll(nc, [a.msg, b.msg]);
    expect(written).toEqual(['PUB $JS.ACK.S.C.1.1.1.1.0 4\r\n+ACK\r\nPUB $JS.ACK.S.C.1.2.2.1.0 4\r\n+ACK\r\n']);
    expect([...a.acked, ...b.acked]).toEqual([]);
  });

  it('falls back to m.ack() without a protocol writer, or on a draining connection', () => {
    const a = delivery('$JS.ACK.S.C.1.1.1.1.0');
    ackAll({ isClosed: () => false, isDraining: () => false } as unknown as NatsConnection, [a.msg]);
    expect(a.acked).toEqual(['$JS.ACK.S.C.1.1.1.1.0']);
    const b = delivery('$JS.ACK.S.C.1.2.2.1.0');
    const written: Uint8Array[] = [];
    ackAll({ protocol: { sendCommand: (x: Uint8Array) => written.push(x) }, isClosed: () => false, isDraining: () => true } as unknown as NatsConnection, [b.msg]);
    expect(b.acked).toEqual(['$JS.ACK.S.C.1.2.2.1.0']);
    expect(written).toEqual([]);
  });
});
