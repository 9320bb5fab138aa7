import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { appSecrets } from '../schema/app-secrets.js';

/**
 * The app secret `name`, created with `generate()` if there is none yet. Replicas starting together
 * race safely: the first insert wins, the others' inserts do nothing, and everyone reads the winner.
 */
export async function ensureAppSecret(db: Db, name: string, generate: () => string): Promise<string> {
  await db.insert(appSecrets).values({ name, value: generate() }).onConflictDoNothing({ target: appSecrets.name });
  const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name));
  if (!row) throw new Error(`app secret ${name} is missing right after it was created`);
  return row.value;
}
