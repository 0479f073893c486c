/**
 * The SCRAM-SHA-256 exchange database logins go through, against the test vector of
 * RFC 7677 (section 3): the same proof and server signature, byte for byte.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { expect, it } from 'vitest';
import { scramConversation, type ScramCredential } from '../../src/sim/passwords.js';

/** The stored credential of user "user" with password "pencil", salt and count of the RFC's example. */
function rfcCredential(): ScramCredential {
  const salt = 'W22ZaJ0SNY7soEsUEjb6gQ==';
  const salted = pbkdf2Sync('pencil', Buffer.from(salt, 'base64'), 4096, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return {
    mechanism: 'SCRAM-SHA-256',
    iterationCount: 4096,
    salt,
    storedKey: createHash('sha256').update(clientKey).digest('base64'),
    serverKey: createHmac('sha256', salted).update('Server Key').digest('base64'),
  };
}

it('produces RFC 7677’s client proof and server signature, and accepts the password', () => {
  const out = scramConversation(rfcCredential(), 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO', '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0');
  expect(out).toEqual({
    ok: true,
    serverVerified: true,
    clientProof: 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    serverSignature: '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  });
});

it('refuses another password: the recovered client key does not hash to the stored key', () => {
  const out = scramConversation(rfcCredential(), 'user', 'pencils', 'rOprNGfwEbeRWgbNEkqO', '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0');
  expect(out.ok).toBe(false);
  expect(out.serverVerified).toBe(false);
});
