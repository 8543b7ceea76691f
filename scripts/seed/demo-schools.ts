/**
 * The demo's school register: scripts/seed/schools-se-malmo.csv (34 Malmö schools in
 * Skolverket's export shape — BOM, `;`, Swedish headers) imported by the Malmö coordinator
 * through the same SchoolRegister as `POST /imports/schools`. Nobody has claimed them, so
 * the Malmö gap list (schoolsWithoutActivity) shows them. Idempotent: a second run finds
 * every school unchanged and writes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CoordinatorRegion, SchoolImportResult, SchoolRegister, User, Viewer } from '@brobygge/identity';

export const DEMO_SCHOOLS_FILE = join(__dirname, 'schools-se-malmo.csv');
export const DEMO_SCHOOLS_REGION = 'se-malmo';

export async function seedDemoSchools(ds: DataSource, coordinatorEmail: string): Promise<SchoolImportResult> {
  const user = await ds.getRepository(User).findOneByOrFail({ email: coordinatorEmail });
  const regions = await ds.getRepository(CoordinatorRegion).findBy({ userId: user.id });
  const coordinator: Viewer = {
    id: user.id,
    email: user.email!,
    name: user.name,
    locale: user.locale,
    isAdmin: user.isAdmin,
    coordinatorRegions: regions.map((r) => r.regionCode),
    memberships: new Map(),
  };
  const result = await new SchoolRegister(ds).import(coordinator, DEMO_SCHOOLS_REGION, readFileSync(DEMO_SCHOOLS_FILE));
  if (result.errors.length) {
    throw new Error(`${DEMO_SCHOOLS_FILE} does not import: ${result.errors.map((e) => `line ${e.line} ${e.field ?? ''}: ${e.message}`).join('; ')}`);
  }
  return result;
}
