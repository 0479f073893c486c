/**
 * The browser console, driven in a real headless Chromium (Debian's, never one npm
 * downloads) with playwright-core: one browser for the whole file. It opens the console
 * with the control token once (cookie session), watches a cluster made through the API
 * go from CREATING to IDLE when the console moves the clock, and opens that request in
 * the journal. Screenshots of each view go to test-results/console/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body20240805 } from '../support/clusters.js';
import { startAtlas, type TestAtlas } from '../support/harness.js';
import { noteSkip } from '../support/skips.js';

const CHROMIUM = [process.env.ATLAS_MOCK_TEST_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
const SHOTS = 'test-results/console';
const TOKEN = 'console-test-control-token';

if (!CHROMIUM) {
  describe('the browser console', () => {
    it.skip('skipped: Chromium is not installed (.ci/run installs it; Debian: apt-get install chromium)', () => undefined);
  });
  noteSkip(['chromium'], 'the browser console test');
} else {
  describe('the browser console', () => {
    let atlas: TestAtlas;
    let browser: import('playwright-core').Browser;
    let page: import('playwright-core').Page;
    /** What the page logged as an error (a script failure, a resource the policy refused). */
    const errors: string[] = [];
    const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });

    /**
     * axe-core's WCAG 2 A and AA rules on the current view. Evaluated through the DevTools
     * protocol, which the page's Content-Security-Policy does not govern, so the policy
     * stays on for the rest of the test.
     */
    async function accessibilityViolations(): Promise<string[]> {
      if (!(await page.evaluate('typeof window.axe !== "undefined"'))) {
        await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
      }
      const result = (await page.evaluate('axe.run(document, { runOnly: ["wcag2a", "wcag2aa"] })')) as { passes: unknown[]; violations: { id: string; nodes: { target: string[] }[] }[] };
      expect(result.passes.length).toBeGreaterThan(10);
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      atlas = await startAtlas({ controlToken: TOKEN });
      const { chromium } = await import('playwright-core');
      // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(10_000);
      // The browser's own look for /favicon.ico on the JSON 401 page is not the console's.
      page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(`${m.text()} (${m.location().url})`));
      page.on('pageerror', (e) => errors.push(e.message));
    });
    afterAll(async () => {
      await browser?.close();
      await atlas?.close();
    });

    it('refuses the page without the token, then opens a session from ?token= and drops it from the address', async () => {
      const refused = await page.goto(`${atlas.url}/_mock/ui`);
      expect(refused?.status()).toBe(401);
      expect(await refused?.text()).toContain('/_mock/ui?token=');
      const opened = await page.goto(`${atlas.url}/_mock/ui?token=${TOKEN}`);
      expect(opened?.status()).toBe(200);
      expect(page.url()).toBe(`${atlas.url}/_mock/ui`);
      const [cookie] = await page.context().cookies();
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(cookie!.value).not.toContain(TOKEN);
      await page.getByRole('heading', { name: 'Organizations and resources' }).waitFor();
      // The refused load logged its 401: from here on the console itself must log no error.
      errors.length = 0;
    });

    it('shows a cluster made through the API as CREATING, and IDLE once the console advances the clock', async () => {
      const project = await atlas.call('POST', '/groups', { body: { name: 'console-demo', orgId: atlas.tenant.orgId } });
      expect(project.status).toBe(201);
      const created = await atlas.call('POST', `/groups/${project.json.id}/clusters`, { version: '2024-10-23', body: body20240805('orders', { size: 'M30' }) });
      expect(created.status).toBe(201);

      const row = page.getByRole('table', { name: 'Clusters of console-demo' }).getByRole('row', { name: /orders/ });
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('CREATING');
      expect(await row.textContent()).toContain('M30');
      expect(await row.textContent()).toContain('AWS US_EAST_1');
      expect(await page.getByText('COMMERCIAL_FEDRAMP_REGIONS_ONLY').count()).toBeGreaterThan(0);
      // No credential on screen until asked for.
      expect(await page.content()).not.toContain(atlas.tenant.apiKey.privateKey);
      await shot('resources');

      const before = await page.locator('#clock-now').textContent();
      await page.getByLabel('Advance by').fill('5');
      await page.getByRole('button', { name: 'Advance clock' }).click();
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('IDLE');
      expect(await page.locator('#clock-now').textContent()).not.toBe(before);
      expect(Date.parse((await page.locator('#clock-now').getAttribute('datetime'))!)).toBe(atlas.sim.clock.now());
      await shot('resources-idle');

      // Finishing pending lifecycles completes a creation without moving the clock.
      const clock = atlas.sim.clock.now();
      expect((await atlas.call('POST', `/groups/${project.json.id}/clusters`, { version: '2024-10-23', body: body20240805('invoices') })).status).toBe(201);
      const second = page.getByRole('table', { name: 'Clusters of console-demo' }).getByRole('row', { name: /invoices/ });
      await expect.poll(() => second.textContent(), { timeout: 10_000 }).toContain('CREATING');
      await page.getByRole('button', { name: 'Finish pending lifecycles' }).click();
      await expect.poll(() => second.textContent(), { timeout: 10_000 }).toContain('IDLE');
      expect(atlas.sim.clock.now()).toBe(clock);

      await page.getByLabel(/Show secrets/).check();
      await expect.poll(() => page.content()).toContain(atlas.tenant.apiKey.privateKey);
      await page.getByLabel(/Show secrets/).uncheck();
    });

    it('opens a journal entry from the keyboard and shows the exchange, secrets redacted', async () => {
      await page.getByRole('link', { name: 'Journal' }).click();
      const filters = page.locator('#journal-filters');
      await filters.getByLabel('Operation').fill('createCluster');
      await filters.getByRole('button', { name: 'Apply' }).click();
      // Newest first: the first cluster made is the last row.
      await expect.poll(() => page.locator('#journal-table tbody tr').count()).toBe(2);
      const link = page.getByRole('link', { name: /^Open exchange \d+: POST .*\/clusters 201$/ }).last();
      await link.focus();
      await page.keyboard.press('Enter');
      const panel = page.getByRole('region', { name: /^Exchange \d+: POST \/api\/atlas\/v2\/groups\/[0-9a-f]{24}\/clusters$/ });
      await panel.waitFor();
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('exchange');
      expect(await panel.getByLabel('Request body').textContent()).toContain('"name": "orders"');
      const response = (await panel.getByLabel('Response body').textContent())!;
      expect(JSON.parse(response)).toMatchObject({ name: 'orders', stateName: 'CREATING' });
      expect(await panel.textContent()).toContain('application/vnd.atlas.2024-10-23+json');
      expect(await panel.textContent()).toMatch(/authorization\s*Bearer(?!\s*ey)/);
      await page.evaluate('window.scrollTo(0, 0)');
      await shot('journal');
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });

      // Emptied, then live: a request made now appears without a reload.
      await filters.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => page.locator('#journal-table tbody tr').count()).toBeGreaterThan(1);
      await page.getByRole('button', { name: 'Empty the journal' }).click();
      await page.getByText('No exchange yet.').waitFor();
      expect(atlas.sim.journal.list()).toEqual([]);
      await atlas.call('GET', `/orgs/${atlas.tenant.orgId}`);
      await page.getByRole('cell', { name: 'getOrganization' }).waitFor();
    });

    it('shows failed logins in the audit log', async () => {
      await atlas.call('GET', '/orgs', { auth: 'digest', tenant: { ...atlas.tenant, apiKey: { ...atlas.tenant.apiKey, privateKey: 'wrong' } } });
      await page.getByRole('link', { name: 'Audit log' }).click();
      const table = page.getByRole('table', { name: /Failed authentications/ });
      await expect.poll(() => table.textContent(), { timeout: 10_000 }).toContain(atlas.tenant.apiKey.publicKey);
      await shot('audit');
    });

    it('injects and removes a fault, and reads the rate limits', async () => {
      await page.getByRole('link', { name: 'Faults and limits' }).click();
      const form = page.locator('#fault-form');
      await form.getByLabel('Path').fill('/api/atlas/v2/orgs');
      await form.getByLabel('Error code').fill('SERVICE_UNAVAILABLE');
      await form.getByLabel('Count').fill('1');
      await form.getByRole('button', { name: 'Inject fault' }).click();
      await page.getByRole('button', { name: /^Remove fault \d+$/ }).waitFor();
      expect(atlas.sim.faults.list()).toMatchObject([{ path: '/api/atlas/v2/orgs', errorCode: 'SERVICE_UNAVAILABLE', remaining: 1 }]);
      expect(await page.getByRole('table', { name: /Endpoint sets/ }).textContent()).toContain('clusters');
      await shot('settings');
      await page.getByRole('button', { name: /^Remove fault \d+$/ }).click();
      await page.getByText('No fault injected.').waitFor();
      expect(atlas.sim.faults.list()).toEqual([]);
    });

    it('passes the WCAG 2 A and AA checks of axe-core on every view, and logged no error', async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      for (const view of ['Resources', 'Journal', 'Audit log', 'Faults and limits']) {
        await page.getByRole('link', { name: view, exact: true }).click();
        await page.locator('main > section:not([hidden]) h2').waitFor();
        expect(await accessibilityViolations(), view).toEqual([]);
      }
      expect(errors).toEqual([]);
    });

    it('reads on a narrow window without sideways scrolling of the page', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('link', { name: 'Resources' }).click();
      await page.getByRole('table', { name: 'Clusters of console-demo' }).waitFor();
      // Strings: the test compiles without the DOM library.
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await shot('resources-narrow');
    });
  });
}
