/**
 * The shared kernel's public surface: what every context and app shares — the domain
 * errors, the clock, locales, the one text rule and validators, keyset pages, who is
 * asking (Actor/Viewer), ids, and the personal-data registry's contract.
 */
export {
  DomainError,
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  OperationLimitError,
  RateLimitedError,
  ServiceUnavailableDomainError,
  UnauthenticatedError,
} from './errors';
export type { ErrorCode } from './errors';
export { Clock } from './clock';
export { ClockModule } from './clock.module';
export { isLocale, localeOfCountry } from './locale';
export type { Locale } from './locale';
export { assertCleanInput, countryCode, email, intInRange, isCalendarDate, numberInRange, optionalText, text } from './validation';
export { decodeCursor, pageSize, toPage } from './pagination';
export type { Page } from './pagination';
export { requireSignedIn } from './viewer';
export type { Actor, Viewer } from './viewer';
export { isUuid } from './ids';
export { PERSONAL_DATA, registerPersonalData } from './personal-data';
export type { PersonalDataContributor, PersonalDataRegistry, PersonRef } from './personal-data';
export { SCHOOL_RESPONSES, schoolResponded } from './school-responses';
export type { SchoolResponse, SchoolResponseListener } from './school-responses';
