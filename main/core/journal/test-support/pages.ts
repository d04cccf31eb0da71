import type Database from 'better-sqlite3';

/** Leaf pages of a table in key order, from SQLite's own dbstat table. */
export function leafPages(db: Database.Database, table: string): number[] {
  return (
    db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path").all(table) as { pageno: number }[]
  ).map((r) => r.pageno);
}

function varint(buf: Buffer, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i];
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return { value, next: at + i + 1 };
  }
  return { value: value * 256 + buf[at + 8], next: at + 9 };
}

/** The rowid of the first cell on a table leaf page (file format: sqlite.org/fileformat.html). */
export function firstRowid(page: Buffer): number {
  if (page[0] !== 0x0d) throw new Error('not a table leaf page');
  const cell = page.readUInt16BE(8);
  const payloadSize = varint(page, cell);
  return varint(page, payloadSize.next).value;
}
