import type { EntityManager } from 'typeorm';
import type { PersonalDataContributor, PersonRef } from '@brobygge/core';

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
    export: (m: EntityManager, person: PersonRef) =>
      m.query(
        `SELECT id, organization_id AS "organizationId", title, status, created_at AS "createdAt"
           FROM ${table} WHERE created_by_id = $1 ORDER BY created_at, id`,
        [person.id],
      ),
    erase: async (m: EntityManager, person: PersonRef) => {
      await m.query(`UPDATE ${table} SET created_by_id = NULL WHERE created_by_id = $1`, [person.id]);
    },
  };
}
