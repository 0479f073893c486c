import type { Dispatcher } from '../src/wire/dispatcher.js';
import { renderJson } from '../src/wire/json.js';

/**
 * Private, unversioned endpoints the Atlas CLI calls alongside the Administration API
 * (both recorded): the default MongoDB major version before creating clusters, and the
 * caller's address for "add my current IP" to an access list.
 */
export function mountPrivateEndpoints(dispatcher: Dispatcher, defaultMajorVersion: string): void {
  dispatcher.route('GET', '/api/private/unauth/nds/defaultMongoDBMajorVersion', () => ({
    status: 200,
    headers: { ...dispatcher.standardHeaders(), 'Content-Type': 'text/plain;charset=iso-8859-1' },
    body: defaultMajorVersion,
  }));
  // Recorded behind the Digest challenge, like the Administration API.
  dispatcher.route('GET', '/api/private/ipinfo', async (req, path) => {
    const auth = await dispatcher.authenticate(req, path);
    if ('refusal' in auth) return auth.refusal;
    return {
      status: 200,
      headers: { ...dispatcher.standardHeaders(), 'Content-Type': 'application/json' },
      body: renderJson({ currentIpv4Address: req.remoteAddress }),
    };
  });
}
