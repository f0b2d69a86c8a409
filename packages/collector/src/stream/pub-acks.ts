import { createInbox, headers, type Msg, type NatsConnection } from './nats-client';

/** One message to publish to JetStream with a de-duplication id. */
export interface Outgoing {
  subject: string;
  msgId: string;
  payload: Uint8Array;
}

/** Publishes many messages and resolves once JetStream acknowledged all of them. */
export interface AckedPublisher {
  /** resolves with how many JetStream reported as duplicates; rejects on the first failure or after `timeoutMs` */
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
 * JetStream publishing with one reply subscription for every acknowledgement, instead of one request per
 * message: the client library's `js.publish` builds two Error objects (with stack traces) and a timer per
 * message, which cost more CPU than the rest of the collector at a few thousand events/s. Each message is
 * a core publish with `Nats-Msg-Id` and a reply subject `<inbox>.<batch>.<n>`; the server's PubAck (or
 * error, or "no responders" when no stream takes the subject) arrives on that subject.
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

  const settle = (id: number, err?: Error) => {
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    clearTimeout(w.timer);
    if (err) w.reject(err);
    else w.resolve({ duplicates: w.duplicates });
  };

  nc.subscribe(`${inbox}.>`, {
    callback: (_err, msg: Msg) => {
      const rest = msg.subject.slice(inbox.length + 1);
      const id = Number(rest.slice(0, rest.indexOf('.')));
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

  return {
    publishAll(messages, timeoutMs) {
      if (messages.length === 0) return Promise.resolve({ duplicates: 0 });
      const id = nextBatch++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => settle(id, new Error(`no JetStream acknowledgement within ${timeoutMs} ms`)), timeoutMs);
        waiting.set(id, { left: messages.length, duplicates: 0, resolve, reject, timer });
        try {
          messages.forEach((m, n) => {
            const h = headers();
            h.set('Nats-Msg-Id', m.msgId);
            nc.publish(m.subject, m.payload, { reply: `${inbox}.${id}.${n}`, headers: h });
          });
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
