/**
 * Venue keys in the desktop app: encrypted by the OS keychain through safeStorage, and only the
 * ciphertext is written (to its own `secrets.json`, apart from the settings). Where the OS offers
 * no real keychain — on Linux safeStorage then falls back to a hard-coded password — keys are
 * kept in memory only and Settings says so.
 */
import { safeStorage } from 'electron';
import Store from 'electron-store';
import { encryptedSecretStore, memorySecretStore, type SecretStore } from '../../core/settings/secret-store';

const ENCRYPTED_NOTE = "Keys are encrypted with your operating system's keychain before they are written to disk, and never leave Blackbox's main process.";
const NO_KEYCHAIN_NOTE =
  'This system offers no keychain Blackbox can encrypt with, so keys are held in memory only: they are forgotten when Blackbox stops, and you will be asked for them again.';

/** Call after the app is ready: safeStorage cannot answer before. */
export function electronSecrets(): SecretStore {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) return memorySecretStore(NO_KEYCHAIN_NOTE);
  const cipher = { encrypt: (plain: string) => safeStorage.encryptString(plain), decrypt: (sealed: Buffer) => safeStorage.decryptString(sealed) };
  return encryptedSecretStore(new Store<Record<string, unknown>>({ name: 'secrets' }), cipher, ENCRYPTED_NOTE);
}
