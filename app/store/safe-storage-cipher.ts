/**
 * The app's {@link SecretCipher}: Electron's safeStorage, which keys its encryption with the OS
 * keychain (Keychain on macOS, DPAPI on Windows, libsecret or KWallet on Linux). Electron-free:
 * index.ts passes the real `safeStorage`.
 */
import type { SecretCipher } from './secret-cipher.ts';

/** The part of Electron's `safeStorage` used here (the synchronous calls, as the store's cipher is synchronous). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keychain backs the key; `basic_text` means none. */
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_CIPHER_ID = 'electron-safeStorage';

const USE_ENV = 'use an ${env:NAME} reference instead and set the variable before starting Landfall';

export function safeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): SecretCipher {
  const check = (): void => {
    if (!safeStorage.isEncryptionAvailable()) throw new Error(`the OS keychain is not available, so the secret cannot be kept encrypted; ${USE_ENV}`);
    // Without a keyring Electron on Linux falls back to a fixed, public key: that is clear text in disguise.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      throw new Error(`no keyring (GNOME Keyring, KWallet) is running, so the secret cannot be kept encrypted; ${USE_ENV}`);
    }
  };
  return {
    id: SAFE_STORAGE_CIPHER_ID,
    encrypt(plaintext) {
      check();
      return safeStorage.encryptString(plaintext);
    },
    decrypt(ciphertext) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS keychain is not available, so saved secrets cannot be read');
      return safeStorage.decryptString(ciphertext);
    },
  };
}
