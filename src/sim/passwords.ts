import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { AtlasError } from './errors.js';

/**
 * Passwords of SCRAM database users, and the credential Atlas for Government derives
 * from them.
 *
 * Rule (decision; Atlas documents the codes, not the thresholds):
 * - no `password`, or an empty one, for a SCRAM user: 400 MISSING_ATTRIBUTE `password`
 *   (how Atlas reports a missing required attribute of this view, cf. `databaseName` in
 *   mongodbatlas-cloudformation-resources#379). MISSING_PASSWORD is not used: its
 *   documented text is about renaming a user without a new password, and usernames
 *   cannot change (409 DATABASE_USERNAME_CANNOT_BE_CHANGED comes first);
 * - fewer than 8 characters (the document's `minLength: 8`): 400 WEAK_PASSWORD;
 * - one of the commonly used passwords below (case-insensitive): 400 COMMON_PASSWORD.
 */
export const MIN_PASSWORD_LENGTH = 8;

/** Entries of the usual "most common passwords" lists that are at least 8 characters long. */
const COMMON_PASSWORDS = new Set([
  '00000000', '11111111', '12341234', '12344321', '12345678', '123456789', '1234567890', '123123123',
  '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', '87654321', '88888888', 'abc12345', 'abcd1234', 'admin123',
  'asdfghjkl', 'baseball', 'changeme', 'computer', 'football', 'iloveyou', 'letmein1', 'michelle',
  'mongodb1', 'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'princess',
  'qwerty123', 'qwertyuiop', 'starwars', 'sunshine', 'superman', 'trustno1', 'welcome1', 'whatever',
  'zaq12wsx', 'qazwsxedc', 'q1w2e3r4', 'q1w2e3r4t5', 'aa123456', 'access14', 'jennifer', 'jordan23',
]);

export function checkPassword(password: string | undefined): string {
  if (password === undefined || password === '') throw new AtlasError('MISSING_ATTRIBUTE', ['password']);
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AtlasError('WEAK_PASSWORD', []);
  if (COMMON_PASSWORDS.has(password.toLowerCase())) throw new AtlasError('COMMON_PASSWORD', []);
  return password;
}

/** The only SCRAM mechanism Atlas for Government creates (wire-facts E: no SCRAM-SHA-1). */
export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
/** MongoDB's defaults for SCRAM-SHA-256 credentials. */
export const SCRAM_ITERATIONS = 15000;
export const SCRAM_SALT_BYTES = 28;

/** A SCRAM-SHA-256 credential as MongoDB stores it: never the password itself. */
export interface ScramCredential {
  mechanism: typeof SCRAM_MECHANISM;
  iterationCount: number;
  salt: string;
  storedKey: string;
  serverKey: string;
}

/**
 * RFC 5802 / RFC 7677 key derivation. The password is normalised with NFKC, the core of
 * SASLprep (RFC 4013) that MongoDB applies to SCRAM-SHA-256 passwords.
 */
export function scramCredential(password: string, salt: Uint8Array): ScramCredential {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, SCRAM_ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return {
    mechanism: SCRAM_MECHANISM,
    iterationCount: SCRAM_ITERATIONS,
    salt: Buffer.from(salt).toString('base64'),
    storedKey: createHash('sha256').update(clientKey).digest('base64'),
    serverKey: createHmac('sha256', salted).update('Server Key').digest('base64'),
  };
}

/** True when `password` is the one the credential was made from. */
export function scramMatches(credential: ScramCredential, password: string): boolean {
  const again = scramCredential(password, Buffer.from(credential.salt, 'base64'));
  return timingSafeEqual(Buffer.from(again.storedKey, 'base64'), Buffer.from(credential.storedKey, 'base64'));
}

/** What a SCRAM conversation proved, as mongod would log it. */
export interface ScramOutcome {
  ok: boolean;
  /** The server proved itself too (the client checked ServerSignature). */
  serverVerified: boolean;
  /** The client-final message's proof (`p=`) and the server-final's signature (`v=`), base64. */
  clientProof: string;
  serverSignature: string;
}

const xor = (a: Buffer, b: Buffer): Buffer => Buffer.from(a.map((v, i) => v ^ b[i]!));

/**
 * A whole SCRAM-SHA-256 exchange (RFC 5802 / RFC 7677) between a client that knows
 * `password` and a server that knows only the stored credential: client-first with its
 * nonce, server-first with the salt, iteration count and combined nonce, client-final
 * with its proof, which the server checks the way mongod does (ClientKey recovered from
 * the proof by XOR with ClientSignature, then H(ClientKey) against StoredKey), and the
 * server's signature, which the client checks. Nonces come from the caller (the seeded
 * generator), so a run is repeatable.
 */
export function scramConversation(credential: ScramCredential, username: string, password: string, clientNonce: string, serverNonce: string): ScramOutcome {
  const hmac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();
  const saslName = username.replace(/=/g, '=3D').replace(/,/g, '=2C');
  const clientFirstBare = `n=${saslName},r=${clientNonce}`;
  const nonce = clientNonce + serverNonce;
  const serverFirst = `r=${nonce},s=${credential.salt},i=${credential.iterationCount}`;
  const clientFinalWithoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`;
  const authMessage = `${clientFirstBare},${serverFirst},${clientFinalWithoutProof}`;
  // Client side: derives its keys from the password and the server's salt and count.
  const salted = pbkdf2Sync(password.normalize('NFKC'), Buffer.from(credential.salt, 'base64'), credential.iterationCount, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  const clientProof = xor(clientKey, hmac(createHash('sha256').update(clientKey).digest(), authMessage));
  // Server side: only StoredKey and ServerKey.
  const storedKey = Buffer.from(credential.storedKey, 'base64');
  const recovered = xor(clientProof, hmac(storedKey, authMessage));
  const ok = timingSafeEqual(createHash('sha256').update(recovered).digest(), storedKey);
  const proof = clientProof.toString('base64');
  if (!ok) return { ok, serverVerified: false, clientProof: proof, serverSignature: '' };
  const serverSignature = hmac(Buffer.from(credential.serverKey, 'base64'), authMessage);
  const expected = hmac(hmac(salted, 'Server Key'), authMessage);
  return { ok, serverVerified: timingSafeEqual(serverSignature, expected), clientProof: proof, serverSignature: serverSignature.toString('base64') };
}
