/**
 * Encrypts secrets typed into the app before they reach the project file. The app passes one
 * backed by Electron's safeStorage (the OS keychain); headless runs use `${env:NAME}` references
 * and need none. The store never sees a secret without a cipher, so nothing is kept in clear text.
 */
export interface SecretCipher {
  /** Names the scheme, stored with the ciphertext so a file opened elsewhere fails clearly. */
  readonly id: string;
  encrypt(plaintext: string): Buffer;
  decrypt(ciphertext: Buffer): string;
}
