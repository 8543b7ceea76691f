import type { ModuleRef } from '@nestjs/core';
import type { EntityManager } from 'typeorm';

/**
 * Something a school's people did that answers a coordinator's outreach (issue 15): a
 * member signed in, someone accepted an invitation to the school (for an unclaimed school:
 * claimed it), or the school posted a request itself. Identity and the catalogue see these
 * happen; the collaboration context, which owns the outreach, records them — and neither
 * identity nor the catalogue may import collaboration (the context order).
 */
export type SchoolResponse = { kind: 'SIGNED_IN'; userId: string; at: Date } | { kind: 'CLAIMED' | 'REQUEST_POSTED'; organizationId: string; at: Date };

/** What the collaboration context provides under SCHOOL_RESPONSES. */
export interface SchoolResponseListener {
  /** Runs in the caller's transaction (or on the DataSource's manager when there is none). */
  schoolResponded(manager: EntityManager, response: SchoolResponse): Promise<void>;
}

/** The token of the one listener; a string, so that contexts below collaboration can look it up. */
export const SCHOOL_RESPONSES = 'brobygge:school-responses';

/**
 * Tells the listener, when the process has one (the API does; the worker, which signs
 * nobody in and creates no requests, does not, and then this does nothing).
 */
export async function schoolResponded(moduleRef: ModuleRef, manager: EntityManager, response: SchoolResponse): Promise<void> {
  let listener: SchoolResponseListener;
  try {
    listener = moduleRef.get<SchoolResponseListener>(SCHOOL_RESPONSES, { strict: false });
  } catch {
    return;
  }
  await listener.schoolResponded(manager, response);
}
