import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalSchemaTooNewError } from '../errors';
import { tempDir } from '../test-support/temp-dir';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from './registry';

describe('the migration registry', () => {
  it('numbers migrations 1, 2, 3 … with one file per migration named after its number', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    const files = readdirSync(__dirname).filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(MIGRATIONS.map((m) => m.version));
    for (const m of MIGRATIONS) {
      const file = files.find((f) => Number(f.slice(0, 4)) === m.version)!;
      expect(file).toBe(`${String(m.version).padStart(4, '0')}-${m.name}.ts`);
      expect(readdirSync(__dirname)).toContain(file.replace(/\.ts$/, '.test.ts'));
    }
  });

  it('brings a new file to the latest version and is a no-op the second time', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const schema = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    migrate(db);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
  });

  it('continues from an older version', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  });

  it('refuses a file from a newer app, naming both versions, and leaves it untouched', () => {
    const path = join(tempDir(), 'j.db');
    const db = new Database(path);
    migrate(db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const before = readFileSync(path);
    const again = new Database(path);
    let error: unknown;
    try {
      migrate(again);
    } catch (err) {
      error = err;
    }
    again.close();
    expect(error).toBeInstanceOf(JournalSchemaTooNewError);
    expect((error as Error).message).toContain(`schema version ${SCHEMA_VERSION + 5}`);
    expect((error as Error).message).toContain(`up to schema version ${SCHEMA_VERSION}`);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('rolls a failing step back as a whole, version number included', () => {
    const db = new Database(join(tempDir(), 'j.db'));
    migrate(db, 2);
    db.exec('CREATE TABLE orders (x)');
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'fills'").get()).toEqual({ n: 0 });
  });
});
