import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openForWriting } from './open-file';
import { tempDir } from './test-support/temp-dir';

describe('the recording connection', () => {
  it('commits with synchronous = FULL in WAL mode, so a committed intent survives a power cut before any byte reaches the venue', () => {
    const opened = openForWriting(join(tempDir(), 'journal.db'));
    try {
      expect(opened.health.state).toBe('ok');
      // 2 is FULL (0 OFF, 1 NORMAL, 3 EXTRA): in WAL mode NORMAL may lose the last commits on power loss.
      expect(opened.db!.pragma('synchronous', { simple: true })).toBe(2);
      expect(opened.db!.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      opened.dispose();
      opened.seat?.release();
    }
  });
});
