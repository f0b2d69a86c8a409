/**
 * Corrects a client timestamp for the client's clock skew, as Segment does: the gap between when the
 * batch says it was sent (`sentAt`, client clock) and when it arrived (`receivedAt`, our clock) is the
 * skew plus network time, and it is added to each event's client time. Without `sentAt`, `ts` is kept.
 *
 * @example
 * correctSkew(1_000, 1_500, 61_500); // client clock 60 s slow → 61_000
 */
export function correctSkew(ts: number, sentAt: number | undefined, receivedAt: number): number {
  return sentAt === undefined ? ts : Math.round(ts + (receivedAt - sentAt));
}
