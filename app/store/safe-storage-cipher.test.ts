import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectStore } from './project-store.ts';
import { SAFE_STORAGE_CIPHER_ID, safeStorageCipher, type SafeStorageLike } from './safe-storage-cipher.ts';

/** Stands in for Electron's safeStorage: reversible, and never the plaintext. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
    decryptString: (data) => Buffer.from(data.toString().slice(4), 'base64').toString(),
    getSelectedStorageBackend: () => backend,
  };
}

describe('safeStorageCipher', () => {
  it('encrypts through safeStorage, so the project file never holds the secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'landfall-cipher-'));
    try {
      const cipher = safeStorageCipher(fakeSafeStorage(), 'linux');
      // Project files store this id beside each secret: renaming it would orphan every saved secret.
      expect(SAFE_STORAGE_CIPHER_ID).toBe('electron-safeStorage');
      expect(cipher.id).toBe('electron-safeStorage');
      const store = ProjectStore.create(join(dir, 'p.landfall'), { name: 'p' });
      const reference = store.putSecret('hunter2-hunter2', cipher);
      expect(store.resolveSecret(reference, { cipher })).toBe('hunter2-hunter2');
      store.close();
      const file = new Database(join(dir, 'p.landfall'), { readonly: true });
      try {
        expect(file.prepare('SELECT cipher FROM secret').all()).toEqual([{ cipher: 'electron-safeStorage' }]);
      } finally {
        file.close();
      }
      expect(readFileSync(join(dir, 'p.landfall')).includes(Buffer.from('hunter2-hunter2'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to encrypt without a keychain, pointing at ${env:…} references', () => {
    expect(() => safeStorageCipher(fakeSafeStorage(false), 'darwin').encrypt('x')).toThrow(/OS keychain is not available.*\$\{env:NAME\}/);
  });

  it('refuses Linux\'s basic_text fallback, whose key is public', () => {
    expect(() => safeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'linux').encrypt('x')).toThrow(/no keyring/);
    // The backend is a Linux notion; elsewhere it is not consulted.
    expect(safeStorageCipher(fakeSafeStorage(true, 'basic_text'), 'win32').encrypt('x')).toBeInstanceOf(Buffer);
  });
});
