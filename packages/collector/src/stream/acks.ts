import { protocolWriter, type JsMsg, type NatsConnection } from './nats-client.js';

const ACK = '+ACK';

/**
 * Acknowledges fetched messages: with the client's protocol writer, one pre-encoded buffer of
 * `PUB <reply> 4 +ACK` frames for the whole batch (what `m.ack()` sends, without a publish call, a
 * subject check and four buffers per message); otherwise `m.ack()` each. Call only after the store
 * committed the messages' events.
 *
 * @param nc - the connection the messages were fetched on
 * @example
 * await store.write(events);
 * ackAll(nc, messages);
 */
export function ackAll(nc: NatsConnection, messages: readonly JsMsg[]): void {
  const writer = protocolWriter(nc);
  if (!writer || nc.isClosed() || nc.isDraining()) {
    for (const m of messages) m.ack();
    return;
  }
  let frames = '';
  for (const m of messages) {
    // The ack subject JetStream gave the delivery (`$JS.ACK.…`); the JsMsg type does not declare it.
    const reply = (m as unknown as { reply?: unknown }).reply;
    if (typeof reply === 'string' && reply !== '') frames += `PUB ${reply} ${ACK.length}\r\n${ACK}\r\n`;
    else m.ack();
  }
  if (frames) writer.sendCommand(Buffer.from(frames));
}
