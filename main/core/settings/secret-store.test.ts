import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { encryptedSecretStore, memorySecretStore, type SecretCipher } from './secret-store';

const KEY = '0x1234567890abcdef1234567890abcdef';

/** AES-256-GCM standing in for the OS keychain, which only Electron can reach. */
function aesCipher(key = randomBytes(32)): SecretCipher {
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const backend = (dir: string) => new Conf<Record<string, unknown>>({ projectName: 'blackbox', cwd: dir, configName: 'secrets' });

describe('encrypted secret store', () => {
  it('writes only ciphertext, reads it back in a new instance, and forgets on remove', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-secrets-'));
    const cipher = aesCipher();
    encryptedSecretStore(backend(dir), cipher, 'sealed').write('A1', KEY);
    const onDisk = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(onDisk).not.toContain(KEY);
    expect(onDisk).not.toContain(KEY.slice(2, 18));
    const again = encryptedSecretStore(backend(dir), cipher, 'sealed');
    expect(again.read('A1')).toBe(KEY);
    expect(again.has('A1')).toBe(true);
    expect(again.protection).toEqual({ kind: 'encrypted', note: 'sealed' });
    again.remove('A1');
    expect(encryptedSecretStore(backend(dir), cipher, 'sealed').read('A1')).toBeNull();
  });

  it('a key sealed by another keychain, or a tampered one, reads as absent rather than as garbage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bb-secrets-'));
    encryptedSecretStore(backend(dir), aesCipher(), 'sealed').write('A1', KEY);
    expect(encryptedSecretStore(backend(dir), aesCipher(), 'sealed').has('A1')).toBe(false);
    const file = join(dir, 'secrets.json');
    const cipher = aesCipher();
    encryptedSecretStore(backend(dir), cipher, 'sealed').write('A2', KEY);
    const sealed = Buffer.from((JSON.parse(readFileSync(file, 'utf8')) as { sealed: Record<string, string> }).sealed.A2, 'base64');
    sealed[sealed.length - 1] ^= 1;
    writeFileSync(file, JSON.stringify({ sealed: { A2: sealed.toString('base64') } }));
    expect(encryptedSecretStore(backend(dir), cipher, 'sealed').read('A2')).toBeNull();
  });
});

describe('memory secret store', () => {
  it('keeps keys for its own life only', () => {
    const store = memorySecretStore('memory only');
    store.write('A1', KEY);
    expect(store.read('A1')).toBe(KEY);
    expect(memorySecretStore('memory only').read('A1')).toBeNull();
    store.remove('A1');
    expect(store.has('A1')).toBe(false);
    expect(store.protection.kind).toBe('memory');
  });
});
