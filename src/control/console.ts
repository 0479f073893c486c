import { readFileSync } from 'node:fs';
import { AtlasError } from '../sim/errors.js';
import { Answer, CONTROL_PREFIX as P, type RouteGroup } from './route.js';

/**
 * The console's files, as shipped: plain HTML, CSS and a script without a framework or
 * a build step. They sit beside this module (`npm run build` copies them into `dist`),
 * are read on first use and kept.
 */
const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};
const cache = new Map<string, string>();

function asset(name: string): string {
  let text = cache.get(name);
  if (text === undefined) cache.set(name, (text = readFileSync(new URL(`./console/${name}`, import.meta.url), 'utf8')));
  return text;
}

/**
 * The page loads nothing from elsewhere and runs only its own script: the policy says so
 * to the browser, and keeps the page out of frames of other sites.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** The browser console: the page, its assets, and the door that turns the token into a session cookie. */
export const consoleRoutes: RouteGroup = (sim) => [
  {
    method: 'GET',
    path: `${P}/ui`,
    summary:
      'The browser console: organizations and resources, the journal, the audit log, the clock, faults and rate limits. With a control token, open it once as /_mock/ui?token=<token> (sets a session cookie).',
    page: 'entry',
    handle: ({ query, req }) => {
      if (query.has('token')) {
        // Back to the plain address, so the token leaves the address bar and the history.
        const cookie = sim.control.guard.sessionCookie(req, req.origin.startsWith('https:'));
        return new Answer(303, undefined, 'text/plain', { Location: 'ui', ...(cookie && { 'Set-Cookie': cookie }), 'Referrer-Policy': 'no-referrer' });
      }
      return new Answer(200, asset('index.html'), ASSETS['index.html'], PAGE_HEADERS);
    },
  },
  {
    method: 'GET',
    path: `${P}/ui/{asset}`,
    summary: 'A file of the browser console (script, style sheet, icon).',
    page: 'asset',
    handle: ({ params }) => {
      const name = params.asset!;
      const type = name === 'index.html' ? undefined : ASSETS[name];
      if (!type) throw new AtlasError('RESOURCE_NOT_FOUND', [`${P}/ui/${name}`]);
      return new Answer(200, asset(name), type, PAGE_HEADERS);
    },
  },
];
