import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv';

describe('csv', () => {
  it('leaves plain values alone and keeps decimal strings exactly', () => {
    expect(csvField('95600.10')).toBe('95600.10');
    expect(csvField('-0.0003')).toBe('-0.0003');
    expect(csvField(42)).toBe('42');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
  });

  it('quotes commas, quotes, line breaks and edge spaces, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('')).toBe('');
  });

  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['id', 'reason'], [['O1', 'ADMIN_CANCEL'], ['O2', 'cancelled, "venue"']])).toBe('id,reason\r\nO1,ADMIN_CANCEL\r\nO2,"cancelled, ""venue"""\r\n');
  });
});
