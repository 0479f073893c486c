import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { z } from 'zod';
import { AtlasError } from './errors.js';
import { Table } from './table.js';
import type { World } from './world.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const MONTH_MS = 30 * 86_400_000;
/** "monthsUntilExpiration": 1 to 24, 3 when absent (the document). */
export const DEFAULT_CERT_MONTHS = 3;
export const MAX_CERT_MONTHS = 24;
/** Decision: certificates a user may hold that have not expired (ATLAS_GENERATED_CERTS_LIMIT_EXCEEDED beyond). */
export const MAX_ACTIVE_CERTS = 50;

export const UserCertRecord = z.object({
  groupId: z.string(),
  username: z.string(),
  /** `_id` on the wire: a long, counted per project. */
  id: z.number().int(),
  createdAt: z.number(),
  notAfter: z.number(),
  subject: z.string(),
  serialNumber: z.string(),
});
export type UserCert = z.infer<typeof UserCertRecord>;

/** A project's certificate authority for Atlas-managed X.509 users. */
export const ProjectCaRecord = z.object({ groupId: z.string(), certPem: z.string(), keyPkcs8: z.string() });
export type ProjectCa = z.infer<typeof ProjectCaRecord>;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** The CA of each project, made on the first certificate it signs. */
export class ProjectCas extends Table<ProjectCa> {
  constructor(private readonly world: World) {
    super('projectCas', ProjectCaRecord, (c) => c.groupId, (c) => ({ groupId: c.groupId }));
  }

  dropGroup(groupId: string): void {
    this.remove(groupId);
  }

  async of(groupId: string): Promise<{ cert: x509.X509Certificate; key: webcrypto.CryptoKey }> {
    const stored = this.find(groupId);
    if (stored) {
      const key = await webcrypto.subtle.importKey('pkcs8', Buffer.from(stored.keyPkcs8, 'base64'), ALG, false, ['sign']);
      return { cert: new x509.X509Certificate(stored.certPem), key };
    }
    const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
    const now = this.world.clock.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: this.world.ids.next(),
      name: `CN=Atlas Managed X.509 CA ${groupId}, O=atlas-gov-mock`,
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + 10 * 365 * 86_400_000),
      signingAlgorithm: ALG,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const keyPkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
    this.insert({ groupId, certPem: cert.toString('pem'), keyPkcs8 });
    return { cert, key: keys.privateKey };
  }
}

/**
 * Atlas-managed X.509 certificates of database users
 * (`/groups/{groupId}/databaseUsers/{username}/certs`). Each certificate is a real one,
 * signed by the project's CA, valid from now (simulation clock) for the requested
 * number of months. Its serial number and dates come from the simulation; the key pair
 * comes from WebCrypto, which cannot take a seeded generator (so the PEM differs between
 * runs, the record does not). The private key is in the answer once and never stored.
 */
export class UserCerts extends Table<UserCert> {
  constructor(private readonly world: World) {
    super('userCerts', UserCertRecord, (c) => `${c.groupId}\0${c.id}`, (c) => ({ groupId: c.groupId }));
  }

  /** The user the certificates are for: an Atlas-managed X.509 user of the project. */
  #managedUser(groupId: string, username: string) {
    const user = this.world.databaseUsers.get(groupId, '$external', username);
    if (user.x509Type !== 'MANAGED') throw new AtlasError('USER_NOT_MANAGED_X509', []);
    return user;
  }

  list(groupId: string, username: string): UserCert[] {
    this.#managedUser(groupId, username);
    return [...this.values()].filter((c) => c.groupId === groupId && c.username === username).sort((a, b) => a.id - b.id);
  }

  dropGroup(groupId: string): void {
    for (const c of [...this.values()]) if (c.groupId === groupId) this.remove(`${c.groupId}\0${c.id}`);
  }

  /** A deleted user's certificates go with it: a new user of the same name starts with none. */
  dropUser(groupId: string, username: string): void {
    for (const c of [...this.values()]) if (c.groupId === groupId && c.username === username) this.remove(`${c.groupId}\0${c.id}`);
  }

  /**
   * Issues a certificate and answers its PEM with the private key. Refused when the
   * project uses its own CA (customer-managed X.509: 400
   * CANNOT_GENERATE_CERT_IF_ADVANCED_X509), for more than 24 months (400
   * CERT_EXPIRY_CANNOT_EXCEED_TWO_YEARS) or fewer than one (400 INVALID_ATTRIBUTE).
   */
  async create(groupId: string, username: string, monthsUntilExpiration: number | undefined): Promise<{ cert: UserCert; pem: string }> {
    this.#managedUser(groupId, username);
    const months = monthsUntilExpiration ?? DEFAULT_CERT_MONTHS;
    if (months > MAX_CERT_MONTHS) throw new AtlasError('CERT_EXPIRY_CANNOT_EXCEED_TWO_YEARS', []);
    if (months < 1) throw new AtlasError('INVALID_ATTRIBUTE', ['monthsUntilExpiration']);
    if (this.world.projectSecurity.of(groupId).customerX509.cas !== undefined) throw new AtlasError('CANNOT_GENERATE_CERT_IF_ADVANCED_X509', []);
    const now = this.world.clock.now();
    const held = this.list(groupId, username);
    if (held.filter((c) => c.notAfter > now).length >= MAX_ACTIVE_CERTS) throw new AtlasError('ATLAS_GENERATED_CERTS_LIMIT_EXCEEDED', []);

    const ca = await this.world.projectCas.of(groupId);
    const keys = await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
    const subject = `CN=${username}`;
    const serialNumber = this.world.ids.next();
    const notAfter = now + months * MONTH_MS;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber,
      subject,
      issuer: ca.cert.subject,
      notBefore: new Date(now),
      notAfter: new Date(notAfter),
      signingAlgorithm: ALG,
      publicKey: keys.publicKey,
      signingKey: ca.key,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
        await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      ],
    });
    const id = Math.max(0, ...[...this.values()].filter((c) => c.groupId === groupId).map((c) => c.id)) + 1;
    const record = this.insert({ groupId, username, id, createdAt: now, notAfter, subject, serialNumber });
    const key = pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
    return { cert: record, pem: `${cert.toString('pem')}\n${key}` };
  }
}
