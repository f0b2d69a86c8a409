import { describe, expect, it } from 'vitest';
import { toNumberedPlaceholders } from './placeholders.js';

describe('toNumberedPlaceholders', () => {
  it('numbers each ? placeholder in order', () => {
    expect(toNumberedPlaceholders('SELECT * FROM events WHERE site = ? AND ts >= ? AND ts < ?')).toEqual({
      sql: 'SELECT * FROM events WHERE site = $1 AND ts >= $2 AND ts < $3',
      count: 3,
    });
  });

  it('leaves question marks inside literals, quoted identifiers and comments alone', () => {
    const sql = `SELECT '?', 'it''s ?', "odd?col" -- why?\nFROM t /* really? */ WHERE a = ?`;
    expect(toNumberedPlaceholders(sql)).toEqual({ sql: sql.replace('a = ?', 'a = $1'), count: 1 });
  });

  it('returns SQL without placeholders unchanged', () => {
    expect(toNumberedPlaceholders('SELECT 1')).toEqual({ sql: 'SELECT 1', count: 0 });
  });
});
