import type { EntityManager } from 'typeorm';
import type { PersonalDataContributor, PersonRef } from '@brobygge/core';
import { catalogQueries } from './catalog.queries';

/**
 * The catalogue's part of the GDPR rights: the offers and requests a person created. They
 * belong to the organisations, so erasure keeps them and takes the creator out (without
 * touching `updated_at`: nothing about the item changed).
 */
export const catalogPersonalData: Record<string, PersonalDataContributor> = {
  offersCreated: createdBy('offer'),
  requestsCreated: createdBy('collaboration_request'),
};

function createdBy(table: 'offer' | 'collaboration_request'): PersonalDataContributor {
  return {
    export: (m: EntityManager, person: PersonRef) => catalogQueries.itemsCreatedBy(m, table, person.id),
    erase: async (m: EntityManager, person: PersonRef) => {
      await catalogQueries.forgetCreator(m, table, person.id);
    },
  };
}
