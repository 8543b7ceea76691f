/** The match lifecycle of RULES.md (the workflow itself comes with issue 6). */
export enum MatchStatus {
  PROPOSED = 'PROPOSED',
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  APPROVED = 'APPROVED',
  SCHEDULED = 'SCHEDULED',
  COMPLETED = 'COMPLETED',
  DECLINED = 'DECLINED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

/** Who started a match. */
export enum MatchOrigin {
  SCHOOL = 'SCHOOL',
  PARTNER = 'PARTNER',
  COORDINATOR = 'COORDINATOR',
  ALLOCATION = 'ALLOCATION',
}
