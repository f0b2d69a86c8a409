import { describe, expect, it } from 'vitest';
import type { Msg, NatsConnection } from './nats-client.js';
import { createAckedPublisher, framesFor, type Outgoing } from './pub-acks.js';

const msg = (subject: string, payload: string): Outgoing => ({ subject, msgId: `shop/${subject.length}`, payload });

describe('framesFor', () => {
  it('writes one HPUB frame per message with header and total lengths in UTF-8 bytes', () => {
    const text = framesFor([{ subject: 'tp.shop', msgId: 'shop/e1', payload: '{"t":"é"}' }], '_INBOX.x.7', 1 << 20);
    const header = 'NATS/1.0\r\nNats-Msg-Id: shop/e1\r\n\r\n';
    // '{"t":"é"}' is 9 characters, 10 bytes.
    expect(text).toBe(`HPUB tp.shop _INBOX.x.7 ${header.length} ${header.length + 10}\r\n${header}{"t":"é"}\r\n`);
  });

  it('refuses a message over the server max_payload', () => {
    expect(() => framesFor([msg('tp.shop', 'x'.repeat(100))], 'r', 100)).toThrow(/exceeds the NATS server's max_payload \(100\)/);
  });
});

/** A connection that records what is written and lets the test answer on the reply subjects. */
function fakeConnection(withWriter: boolean) {
  let deliver: ((err: Error | null, m: Msg) => void) | undefined;
  let inbox = '';
  const written: string[] = [];
  const published: Array<{ subject: string; reply: string; msgId: string | undefined; payload: string }> = [];
  const nc = {
    subscribe(subject: string, opts: { callback: (err: Error | null, m: Msg) => void }) {
      inbox = subject.slice(0, -2);
      deliver = opts.callback;
    },
    isClosed: () => false,
    isDraining: () => false,
    info: { max_payload: 1 << 20 },
    publish(subject: string, data: Uint8Array, opts: { reply: string; headers: { get(k: string): string } }) {
      published.push({ subject, reply: opts.reply, msgId: opts.headers.get('Nats-Msg-Id'), payload: Buffer.from(data).toString() });
    },
    ...(withWriter ? { protocol: { sendCommand: (b: Uint8Array) => void written.push(Buffer.from(b).toString()) } } : {}),
  };
  const replies = () => [...written.join('').matchAll(/^HPUB \S+ (\S+) /gm)].map((m) => m[1]!).concat(published.map((p) => p.reply));
  const answer = (reply: string, body: string, code?: number) =>
    deliver!(null, { subject: reply, data: new TextEncoder().encode(body), headers: code ? { code } : undefined } as unknown as Msg);
  return { nc: nc as unknown as NatsConnection, written, published, replies, answer, inbox: () => inbox };
}

describe('createAckedPublisher', () => {
  for (const withWriter of [true, false]) {
    describe(withWriter ? 'through the protocol writer' : 'through nc.publish (no protocol writer)', () => {
      it('sends every message with its id to one reply subject per call, and resolves once all are acked, counting duplicates', async () => {
        const c = fakeConnection(withWriter);
        const p = createAckedPublisher(c.nc);
        const done = p.publishAll([msg('tp.shop', '{"a":1}'), msg('tp.blog', '{"b":"ü"}'), msg('tp.shop2', '{}')], 1000);
        if (withWriter) {
          expect(c.written).toHaveLength(1);
          expect(c.written[0]).toContain('Nats-Msg-Id: shop/7\r\n\r\n{"a":1}\r\n');
          expect(c.written[0]).toContain('{"b":"ü"}');
        } else {
          expect(c.published.map((m) => [m.subject, m.msgId, m.payload])).toEqual([['tp.shop', 'shop/7', '{"a":1}'], ['tp.blog', 'shop/7', '{"b":"ü"}'], ['tp.shop2', 'shop/8', '{}']]);
        }
        const replies = c.replies();
        expect(new Set(replies).size).toBe(1);
        expect(replies[0]!.startsWith(`${c.inbox()}.`)).toBe(true);
        let settled = false;
        void done.then(() => (settled = true));
        c.answer(replies[0]!, '{"stream":"S","seq":1}');
        c.answer(replies[0]!, '{"stream":"S","seq":1,"duplicate": true}');
        await Promise.resolve();
        expect(settled).toBe(false);
        c.answer(replies[0]!, '{"stream":"S","seq":2}');
        await expect(done).resolves.toEqual({ duplicates: 1 });
      });

      it('rejects on a JetStream error, on no responders and on a timeout', async () => {
        const c = fakeConnection(withWriter);
        const p = createAckedPublisher(c.nc);
        const refused = p.publishAll([msg('tp.shop', '{}')], 1000);
        c.answer(c.replies()[0]!, '{"error":{"code":503,"description":"maximum bytes exceeded"},"stream":"S","seq":0}');
        await expect(refused).rejects.toThrow('JetStream refused the message: maximum bytes exceeded (503)');
        const nobody = p.publishAll([msg('tp.shop', '{}')], 1000);
        c.answer(c.replies()[1]!, '', 503);
        await expect(nobody).rejects.toThrow(/no responders/);
        await expect(p.publishAll([msg('tp.shop', '{}')], 10)).rejects.toThrow('no JetStream acknowledgement within 10 ms');
      });
    });
  }
});
