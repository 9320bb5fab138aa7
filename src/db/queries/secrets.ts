import { eq } from 'drizzle-orm';
import type { SecretStore } from '../../core/ports/store.js';
import type { Db } from '../client.js';
import { appSecrets } from '../schema/app-secrets.js';

/**
 * Secrets the app makes for itself (core/ports/store.ts). Replicas starting together race safely: the
 * first insert wins, the others' inserts do nothing, and everyone reads the winner.
 */
export function secretStore(db: Db): SecretStore {
  return {
    async ensure(name, generate) {
      await db.insert(appSecrets).values({ name, value: generate() }).onConflictDoNothing({ target: appSecrets.name });
      const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name));
      if (!row) throw new Error(`app secret ${name} is missing right after it was created`);
      return row.value;
    },
  };
}
