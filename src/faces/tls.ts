import { X509Certificate, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files of the local certificate authority and the server certificate it signs. */
export interface TlsMaterial {
  caCertPath: string;
  certPath: string;
  keyPath: string;
  ca: string;
  cert: string;
  key: string;
}

const DAY_MS = 86_400_000;
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** True when the PEM certificate file exists and stays valid for at least `days` more days. */
function validFor(path: string, days: number): boolean {
  if (!existsSync(path)) return false;
  try {
    return Date.parse(new X509Certificate(readFileSync(path)).validTo) - Date.now() > days * DAY_MS;
  } catch {
    return false;
  }
}

/**
 * `--tls`: a local CA and a server certificate for localhost, 127.0.0.1 and ::1, kept in
 * the state directory and reused across starts (so a user trusts the CA once). The
 * server certificate is renewed when it has under 30 days left; the CA when it has under
 * a year.
 *
 * Certificates are real-world artefacts checked by real clients against real time, so
 * they use the wall clock, not the simulation clock.
 *
 * @peculiar/x509 builds the certificates (ECDSA P-256 on node's WebCrypto); it needs the
 * reflect-metadata polyfill, loaded only here so plain-HTTP starts do not pay for it.
 */
export async function ensureTlsMaterial(stateDir: string): Promise<TlsMaterial> {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const paths = {
    caCertPath: join(stateDir, 'ca.pem'),
    caKeyPath: join(stateDir, 'ca-key.pem'),
    certPath: join(stateDir, 'server.pem'),
    keyPath: join(stateDir, 'server-key.pem'),
  };
  const caFresh = validFor(paths.caCertPath, 365) && existsSync(paths.caKeyPath);
  if (!caFresh || !validFor(paths.certPath, 30) || !existsSync(paths.keyPath)) {
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
    const subtle = webcrypto.subtle;
    const now = Date.now();
    const serial = () => Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');

    let caCert: InstanceType<typeof x509.X509Certificate>;
    let caKey: webcrypto.CryptoKey;
    if (caFresh) {
      caCert = new x509.X509Certificate(readFileSync(paths.caCertPath, 'utf8'));
      const der = Buffer.from(readFileSync(paths.caKeyPath, 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64');
      caKey = await subtle.importKey('pkcs8', der, ALG, false, ['sign']);
    } else {
      const keys = await subtle.generateKey(ALG, true, ['sign', 'verify']);
      caCert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serial(),
        name: 'CN=atlas-gov-mock local CA, O=atlas-gov-mock',
        notBefore: new Date(now - DAY_MS),
        notAfter: new Date(now + 10 * 365 * DAY_MS),
        signingAlgorithm: ALG,
        keys,
        extensions: [
          new x509.BasicConstraintsExtension(true, 0, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ],
      });
      caKey = keys.privateKey;
      writeFileSync(paths.caKeyPath, pem('PRIVATE KEY', await subtle.exportKey('pkcs8', keys.privateKey)), { mode: 0o600 });
      writeFileSync(paths.caCertPath, caCert.toString('pem') + '\n');
    }

    const keys = await subtle.generateKey(ALG, true, ['sign', 'verify']);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: 'CN=localhost',
      issuer: caCert.subject,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 365 * DAY_MS),
      signingAlgorithm: ALG,
      publicKey: keys.publicKey,
      signingKey: caKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
          { type: 'ip', value: '::1' },
        ]),
        await x509.AuthorityKeyIdentifierExtension.create(caCert),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    writeFileSync(paths.keyPath, pem('PRIVATE KEY', await subtle.exportKey('pkcs8', keys.privateKey)), { mode: 0o600 });
    writeFileSync(paths.certPath, cert.toString('pem') + '\n');
  }
  return {
    caCertPath: paths.caCertPath,
    certPath: paths.certPath,
    keyPath: paths.keyPath,
    ca: readFileSync(paths.caCertPath, 'utf8'),
    cert: readFileSync(paths.certPath, 'utf8'),
    key: readFileSync(paths.keyPath, 'utf8'),
  };
}
