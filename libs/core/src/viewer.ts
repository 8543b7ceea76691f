import { UnauthenticatedError } from './errors';
import type { Locale } from './locale';

/** A membership role as the policies see it (the identity context owns the enum). */
export type MemberRole = 'OWNER' | 'MEMBER';

/** The signed-in person as the policies of every context see them: rights, not the row. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  isAdmin: boolean;
  coordinatorRegions: string[];
  /** organisation id → role */
  memberships: Map<string, MemberRole>;
}

/** Who is asking: a viewer, or nobody (anonymous). */
export type Actor = Viewer | null;

/** Every policy's first question: anonymous callers are UNAUTHENTICATED. */
export function requireSignedIn(actor: Actor): Viewer {
  if (!actor) throw new UnauthenticatedError();
  return actor;
}
