import { createInbox, headers, protocolWriter, type Msg, type NatsConnection } from './nats-client.js';

/** One message to publish to JetStream with a de-duplication id. */
export interface Outgoing {
  /** a valid subject (no whitespace); see `subjectFor` */
  subject: string;
  /** header-safe (no line breaks); see `messageId` */
  msgId: string;
  /** the message text, sent as UTF-8 */
  payload: string;
}

/** Publishes many messages and resolves once JetStream acknowledged all of them. */
export interface AckedPublisher {
  /**
   * resolves with how many JetStream reported as duplicates; rejects on the first failure or after
   * `timeoutMs`. Throws before sending anything when a message exceeds the server's max_payload.
   */
  publishAll(messages: readonly Outgoing[], timeoutMs: number): Promise<{ duplicates: number }>;
  /** rejects every publish waiting for an ack (the connection dropped: the acks will never come) */
  failPending(reason: string): void;
}

interface Waiting {
  left: number;
  duplicates: number;
  resolve(r: { duplicates: number }): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The NATS protocol text publishing `messages` with their `Nats-Msg-Id` header and `reply` subject:
 * one `HPUB` frame each, with byte lengths (payloads may hold any UTF-8), ready to encode once.
 *
 * @param maxPayload - the server's limit on header + payload bytes; a larger message throws
 * @example
 * framesFor([{ subject: 'touchpoint.events.shop', msgId: 'shop/e1', payload: '{}' }], '_INBOX.x.0', 1 << 20);
 * // 'HPUB touchpoint.events.shop _INBOX.x.0 35 37\r\nNATS/1.0\r\nNats-Msg-Id: shop/e1\r\n\r\n{}\r\n'
 */
export function framesFor(messages: readonly Outgoing[], reply: string, maxPayload: number): string {
  let out = '';
  for (const m of messages) {
    const header = `NATS/1.0\r\nNats-Msg-Id: ${m.msgId}\r\n\r\n`;
    const total = header.length + Buffer.byteLength(m.payload);
    if (total > maxPayload) throw new Error(`message of ${total} bytes exceeds the NATS server's max_payload (${maxPayload})`);
    out += `HPUB ${m.subject} ${reply} ${header.length} ${total}\r\n${header}${m.payload}\r\n`;
  }
  return out;
}

/**
 * JetStream publishing with one reply subscription for every acknowledgement, instead of one request per
 * message: the client library's `js.publish` builds two Error objects (with stack traces) and a timer per
 * message, which cost more CPU than the rest of the collector at a few thousand events/s. The messages
 * of one call go out as core publishes with `Nats-Msg-Id` and the reply subject `<inbox>.<call>`; the
 * server's PubAck (or error, or "no responders" when no stream takes the subject) for each arrives there.
 *
 * All frames of a call are written as one pre-encoded buffer through the client's protocol writer (one
 * string, one UTF-8 encoding), not `nc.publish` per message, which builds and encodes a header object,
 * a protocol line and four buffers per message. Connections without that writer (another client
 * version) fall back to `nc.publish`.
 *
 * @param nc - NATS connection (the subscription survives reconnects)
 * @example
 * const publisher = createAckedPublisher(nc);
 * const { duplicates } = await publisher.publishAll([{ subject, msgId, payload }], 5000);
 */
export function createAckedPublisher(nc: NatsConnection): AckedPublisher {
  const inbox = createInbox();
  const waiting = new Map<number, Waiting>();
  let nextBatch = 0;
  const decoder = new TextDecoder();
  const writer = protocolWriter(nc);

  const settle = (id: number, err?: Error) => {
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    clearTimeout(w.timer);
    if (err) w.reject(err);
    else w.resolve({ duplicates: w.duplicates });
  };

  nc.subscribe(`${inbox}.*`, {
    callback: (_err, msg: Msg) => {
      const id = Number(msg.subject.slice(inbox.length + 1));
      const w = waiting.get(id);
      if (!w) return; // timed out or failed already
      // "503 No Responders": no stream listens on the subject (deleted, or wrong prefix).
      if (msg.headers?.code === 503) return settle(id, new Error('no JetStream stream accepts this subject (no responders)'));
      let ack: { duplicate?: boolean; error?: { code?: number; description?: string } };
      try {
        ack = JSON.parse(decoder.decode(msg.data)) as typeof ack;
      } catch {
        return settle(id, new Error('unreadable JetStream acknowledgement'));
      }
      if (ack.error) return settle(id, new Error(`JetStream refused the message: ${ack.error.description ?? 'error'} (${ack.error.code ?? '?'})`));
      if (ack.duplicate) w.duplicates++;
      if (--w.left === 0) settle(id);
    },
  });

  function send(messages: readonly Outgoing[], reply: string) {
    if (writer) {
      // What nc.publish checks before writing, for the whole call.
      if (nc.isClosed()) throw new Error('NATS connection is closed');
      if (nc.isDraining()) throw new Error('NATS connection is draining');
      writer.sendCommand(Buffer.from(framesFor(messages, reply, nc.info?.max_payload ?? Infinity)));
      return;
    }
    for (const m of messages) {
      const h = headers();
      h.set('Nats-Msg-Id', m.msgId);
      nc.publish(m.subject, Buffer.from(m.payload), { reply, headers: h });
    }
  }

  return {
    publishAll(messages, timeoutMs) {
      if (messages.length === 0) return Promise.resolve({ duplicates: 0 });
      const id = nextBatch++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => settle(id, new Error(`no JetStream acknowledgement within ${timeoutMs} ms`)), timeoutMs);
        waiting.set(id, { left: messages.length, duplicates: 0, resolve, reject, timer });
        try {
          send(messages, `${inbox}.${id}`);
        } catch (err) {
          settle(id, err as Error);
        }
      });
    },
    failPending(reason) {
      for (const id of [...waiting.keys()]) settle(id, new Error(reason));
    },
  };
}
