/** One definition of each identity enum; the API registers them for GraphQL. */
export enum OrganizationKind {
  SCHOOL = 'SCHOOL',
  COMPANY = 'COMPANY',
  UNIVERSITY = 'UNIVERSITY',
  PUBLIC_AGENCY = 'PUBLIC_AGENCY',
  OTHER = 'OTHER',
}

export enum MembershipRole {
  OWNER = 'OWNER',
  MEMBER = 'MEMBER',
}

export enum PlatformRole {
  ADMIN = 'ADMIN',
  COORDINATOR = 'COORDINATOR',
}

export enum DigestFrequency {
  NEVER = 'NEVER',
  DAILY = 'DAILY',
  WEEKLY = 'WEEKLY',
}

export enum SchoolLevel {
  PRIMARY = 'PRIMARY',
  LOWER_SECONDARY = 'LOWER_SECONDARY',
  UPPER_SECONDARY = 'UPPER_SECONDARY',
  ADULT_EDUCATION = 'ADULT_EDUCATION',
  SPECIAL = 'SPECIAL',
  OTHER = 'OTHER',
}
