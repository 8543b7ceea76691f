/** One definition of each catalogue enum; the API registers them for GraphQL. */
export enum ActivityType {
  GUEST_LECTURE = 'GUEST_LECTURE',
  STUDY_VISIT = 'STUDY_VISIT',
  WORKPLACE_PLACEMENT = 'WORKPLACE_PLACEMENT',
  PROJECT = 'PROJECT',
  MENTORING = 'MENTORING',
  TEACHER_TRAINING = 'TEACHER_TRAINING',
  EVENT = 'EVENT',
}

/** Where the activity happens. */
export enum DeliveryMode {
  AT_SCHOOL = 'AT_SCHOOL',
  AT_PARTNER = 'AT_PARTNER',
  REMOTE = 'REMOTE',
}

export enum OfferStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  PAUSED = 'PAUSED',
  ARCHIVED = 'ARCHIVED',
}

export enum RequestStatus {
  OPEN = 'OPEN',
  PARTIALLY_MATCHED = 'PARTIALLY_MATCHED',
  MATCHED = 'MATCHED',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}
