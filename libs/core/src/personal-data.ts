import type { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/** The person whose data is exported or erased, as they were before erasure began. */
export interface PersonRef {
  id: string;
  email: string | null;
  name: string;
}

/**
 * One context's part of the GDPR rights (RULES.md, Data protection): what it stores about
 * a person, for `exportMyData`, and what happens to it on `deleteMyAccount` — deleted when
 * it is only the person's, or kept for the organisation with the person taken out. Both
 * run inside the identity context's transaction.
 */
export interface PersonalDataContributor {
  export(manager: EntityManager, person: PersonRef): Promise<unknown>;
  erase(manager: EntityManager, person: PersonRef): Promise<void>;
}

/** What the identity context offers under the PERSONAL_DATA token (PersonalData). */
export interface PersonalDataRegistry {
  addPersonalDataContributor(section: string, contributor: PersonalDataContributor): void;
}

/**
 * The token under which the identity context provides its registry. A string, so that the
 * contexts below identity (catalog, notifications: identity imports them) can reach it
 * without importing identity.
 */
export const PERSONAL_DATA = 'brobygge:personal-data';

/**
 * Called by each context from its own module's onModuleInit: adds its section to
 * exportMyData and its erasure to deleteMyAccount. In a process without the identity
 * context (the worker) nobody exports or erases, and this does nothing.
 */
export function registerPersonalData(moduleRef: ModuleRef, section: string, contributor: PersonalDataContributor): void {
  let registry: PersonalDataRegistry;
  try {
    registry = moduleRef.get<PersonalDataRegistry>(PERSONAL_DATA, { strict: false });
  } catch {
    return;
  }
  registry.addPersonalDataContributor(section, contributor);
}
