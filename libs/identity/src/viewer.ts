import type { Locale } from '@brobygge/core';
import { MembershipRole } from './enums';

/** The signed-in person as the policies see them: rights, not the whole row. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  isAdmin: boolean;
  coordinatorRegions: string[];
  /** organisation id → role */
  memberships: Map<string, MembershipRole>;
}

/** Who is asking: a viewer, or nobody (anonymous). */
export type Actor = Viewer | null;
