import { execFileSync } from 'node:child_process';

/**
 * Makes sure the external clients the integration tests drive are present, so the suite
 * does not depend on what happens to be installed: curl, and a Python 3 with `requests`.
 * On a Debian machine where they are missing, installs them (as root) from Debian's
 * packages; otherwise stops with a message saying what to install.
 */
function works(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pythonWithRequests(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((p) => works(p, ['-c', 'import requests']));
}

function aptInstall(packages: string[]): void {
  if (process.getuid?.() !== 0 || !works('apt-get', ['--version'])) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}

export default function setup(): void {
  const missing: string[] = [];
  if (!works('curl', ['--version'])) missing.push('curl');
  if (!pythonWithRequests()) missing.push('python3-requests');
  if (missing.length) aptInstall(missing);
  const python = pythonWithRequests();
  if (!works('curl', ['--version']) || !python) {
    throw new Error(`The integration tests need curl and Python 3 with requests. Install: ${missing.join(' ')} (Debian packages).`);
  }
  process.env.ATLAS_MOCK_TEST_PYTHON = python;
}
