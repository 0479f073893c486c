import { encryptionAtRestOperations } from '../contracts/api/operations/encryptionAtRest.js';
import type { EncryptionAtRestConfig } from '../src/sim/encryptionAtRest.js';
import { defineHandlers } from '../src/wire/context.js';

/** EncryptionAtRest on the wire: every provider block; Azure Key Vault always disabled. */
function encryptionAtRestView(c: EncryptionAtRestConfig) {
  return {
    awsKms: c.awsKms,
    azureKeyVault: { enabled: false },
    enabledForSearchNodes: c.enabledForSearchNodes,
    googleCloudKms: c.googleCloudKms,
  };
}

export const encryptionAtRestHandlers = defineHandlers(encryptionAtRestOperations, {
  getEncryptionAtRest(ctx) {
    return encryptionAtRestView(ctx.world.encryptionAtRest.get(ctx.params.groupId));
  },
});
