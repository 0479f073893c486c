#!/usr/bin/env node
/**
 * Container HEALTHCHECK: asks the local server's `/_mock/health` and exits 0 when it
 * answers 200. Reads the same ATLAS_MOCK_PORT / ATLAS_MOCK_TLS variables as the server,
 * so it works in HTTPS mode too (the local CA is not in the image's trust store, and the
 * check only concerns liveness, so the certificate is not verified here).
 */
import http from 'node:http';
import https from 'node:https';

const tls = /^(1|true|yes|on)$/i.test(process.env.ATLAS_MOCK_TLS ?? '');
const port = Number(process.env.ATLAS_MOCK_PORT ?? 8080);
const get = tls ? https.get : http.get;
const req = get({ host: '127.0.0.1', port, path: '/_mock/health', timeout: 2500, rejectUnauthorized: false }, (res) => {
  res.resume();
  process.exit(res.statusCode === 200 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
