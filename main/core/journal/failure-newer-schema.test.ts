import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock';
import { JournalUnavailableError } from './errors';
import { Journal } from './journal';
import { SCHEMA_VERSION } from './migrations/registry';
import { fileState } from './test-support/file-state';
import { tempDir } from './test-support/temp-dir';

describe('a journal from a newer Blackbox', () => {
  it('opens read-only, names both schema versions, refuses appends and still reads', () => {
    const path = join(tempDir(), 'journal.db');
    const clock = new VirtualClock(1_767_225_600_000);
    const journal = Journal.open(path, { clock });
    for (let i = 0; i < 3; i++) journal.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: { i } }, { durable: true });
    journal.close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = fileState([path]);

    for (const opened of [Journal.open(path, { clock }), Journal.openReadOnly(path)]) {
      expect(opened.health().state).toBe('read_only');
      expect(opened.health().message).toContain(`written by a newer Blackbox (schema version ${SCHEMA_VERSION + 1})`);
      expect(opened.health().message).toContain(`understands up to schema version ${SCHEMA_VERSION}`);
      expect(opened.health().message).toContain('update Blackbox to record into it');
      expect(() => opened.append({ kind: 'NOTE', account: 'sim:local:test', venue: 'sim', payload: {} }, { durable: true })).toThrow(JournalUnavailableError);
      expect(opened.query().events.map((e) => e.payload)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
      opened.close();
    }
    expect(fileState([path])).toEqual(before);
  });
});
