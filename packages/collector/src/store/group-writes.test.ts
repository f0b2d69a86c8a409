import { describe, expect, it } from 'vitest';
import { eventKey, groupWrites, type InsertMany } from './group-writes.js';
import type { StoredEvent } from './types.js';

const ev = (id: string, site = 'shop') => ({ site, id }) as StoredEvent;

/** An InsertMany over an in-memory table, recording each statement's size; `gate` holds statements open. */
function fakeTable() {
  const rows = new Set<string>();
  const statements: number[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const insert: InsertMany = async (events) => {
    statements.push(events.length);
    if (gate) await gate;
    const inserted = new Set<string>();
    for (const e of events) {
      const k = eventKey(e.site, e.id);
      if (!rows.has(k)) rows.add(k), inserted.add(k);
    }
    return { keys: inserted };
  };
  return {
    insert, rows, statements,
    hold() {
      gate = new Promise((r) => (release = r));
    },
    open() {
      gate = undefined;
      release?.();
    },
  };
}

describe('groupWrites', () => {
  it('runs a write alone at once when a slot is free', async () => {
    const t = fakeTable();
    const write = groupWrites(t.insert, { slots: 2 });
    expect(await write([ev('a'), ev('b')])).toEqual({ inserted: 2, duplicates: 0 });
    expect(t.statements).toEqual([2]);
  });

  it('merges the writes that queue while every slot is busy into one statement, each caller getting its own counts', async () => {
    const t = fakeTable();
    const write = groupWrites(t.insert, { slots: 1 });
    t.hold();
    const first = write([ev('a')]);
    const queued = [write([ev('b'), ev('c')]), write([ev('c'), ev('d')]), write([ev('a'), ev('e')])];
    t.open();
    expect(await first).toEqual({ inserted: 1, duplicates: 0 });
    // c is inserted once: the first caller that sent it gets it, the other sees a duplicate; a was stored before.
    expect(await Promise.all(queued)).toEqual([{ inserted: 2, duplicates: 0 }, { inserted: 1, duplicates: 1 }, { inserted: 1, duplicates: 1 }]);
    expect(t.statements).toEqual([1, 6]);
  });

  it('keeps statements under maxRows, never splitting one caller', async () => {
    const t = fakeTable();
    const write = groupWrites(t.insert, { slots: 1, maxRows: 3 });
    t.hold();
    const all = [write([ev('0')]), write([ev('1'), ev('2')]), write([ev('3'), ev('4')]), write([ev('5'), ev('6'), ev('7'), ev('8')])];
    t.open();
    await Promise.all(all);
    expect(t.statements).toEqual([1, 2, 2, 4]);
  });

  it('rejects every caller of a failed statement and keeps serving the next ones', async () => {
    let fail = true;
    const write = groupWrites(async (events) => {
      if (fail) throw new Error('connection terminated');
      return { keys: new Set(events.map((e) => eventKey(e.site, e.id))) };
    }, { slots: 1 });
    await expect(write([ev('a')])).rejects.toThrow('connection terminated');
    fail = false;
    expect(await write([ev('a')])).toEqual({ inserted: 1, duplicates: 0 });
  });

  it('tells the same id on two sites apart', async () => {
    const t = fakeTable();
    const write = groupWrites(t.insert, { slots: 1 });
    expect(await write([ev('a', 'shop'), ev('a', 'blog')])).toEqual({ inserted: 2, duplicates: 0 });
  });
});
