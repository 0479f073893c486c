import { execFileSync } from 'node:child_process';

/**
 * Finds the external clients the integration tests drive (curl, a Python 3 with
 * `requests`) once for the whole run, and installs nothing: tests whose tool is missing
 * skip themselves (test/support/tools.ts) and the run ends with a line naming them.
 * `.ci/run` installs both before the run.
 */
function works(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export default function setup(): void {
  // Inherited by the test workers; empty means missing.
  process.env.ATLAS_MOCK_TEST_CURL = works('curl', ['--version']) ? 'curl' : '';
  // A Python named in ATLAS_MOCK_TEST_PYTHON (a virtual environment's, say) comes first.
  const pythons = [process.env.ATLAS_MOCK_TEST_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  process.env.ATLAS_MOCK_TEST_PYTHON = pythons.find((p) => works(p, ['-c', 'import requests'])) ?? '';
}
