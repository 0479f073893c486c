/**
 * Loads an optional peer dependency of a face (msw, undici): installing atlas-gov-mock
 * does not pull them in, so a missing one gets a message saying what to install.
 */
export async function loadPeer<T>(load: () => Promise<T>, name: string, face: string): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(`'${name}'`)) {
      throw new Error(`${face} needs the ${name} package, an optional peer dependency of atlas-gov-mock: npm install --save-dev ${name}`);
    }
    throw e;
  }
}
