/**
 * Where venue keys live. Electron encrypts them with the OS keychain (safeStorage) before they
 * touch the disk; every other host keeps them in memory only, so nothing but an OS-protected
 * ciphertext is ever written. Keys go into the core's signers and nowhere else: not the
 * journal, not a log, not the renderer.
 */
import type { SecretProtection } from '../../../shared/venue-accounts';
import type { KeyValueBackend } from './settings';

export interface SecretStore {
  readonly protection: SecretProtection;
  read(id: string): string | null;
  has(id: string): boolean;
  write(id: string, secret: string): void;
  remove(id: string): void;
}

/** What encrypts a secret for the disk; Electron's safeStorage in the desktop app. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export function memorySecretStore(note: string): SecretStore {
  const secrets = new Map<string, string>();
  return {
    protection: { kind: 'memory', note },
    read: (id) => secrets.get(id) ?? null,
    has: (id) => secrets.has(id),
    write: (id, secret) => void secrets.set(id, secret),
    remove: (id) => void secrets.delete(id),
  };
}

const SEALED = 'sealed';

/** Ciphertexts (base64) under one key of their own store; a secret that no longer decrypts reads as absent. */
export function encryptedSecretStore(backend: KeyValueBackend, cipher: SecretCipher, note: string): SecretStore {
  const sealed = (): Record<string, string> => {
    const value = backend.get(SEALED);
    return value !== null && typeof value === 'object' ? { ...(value as Record<string, string>) } : {};
  };
  const read = (id: string): string | null => {
    const text = sealed()[id];
    if (typeof text !== 'string') return null;
    try {
      return cipher.decrypt(Buffer.from(text, 'base64'));
    } catch {
      // Another user's or machine's keychain sealed it: the trader has to enter the key again.
      return null;
    }
  };
  return {
    protection: { kind: 'encrypted', note },
    read,
    has: (id) => read(id) !== null,
    write(id, secret) {
      backend.set(SEALED, { ...sealed(), [id]: cipher.encrypt(secret).toString('base64') });
    },
    remove(id) {
      const all = sealed();
      delete all[id];
      backend.set(SEALED, all);
    },
  };
}

export const MEMORY_ONLY_NOTE =
  'Keys are held in memory only on this host and never written to disk: they are forgotten when Blackbox stops, and you will be asked for them again.';
