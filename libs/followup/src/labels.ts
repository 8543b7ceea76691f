import { ActivityType } from '@brobygge/catalog';
import type { Locale } from '@brobygge/core';

/** Activity types as a coordinator reads them in a report, per language. */
const ACTIVITY: Record<Locale, Record<ActivityType, string>> = {
  sv: {
    GUEST_LECTURE: 'Gästföreläsning',
    STUDY_VISIT: 'Studiebesök',
    WORKPLACE_PLACEMENT: 'APL (arbetsplatsförlagt lärande)',
    PROJECT: 'Projekt',
    MENTORING: 'Mentorskap',
    TEACHER_TRAINING: 'Lärarfortbildning',
    EVENT: 'Evenemang',
  },
  da: {
    GUEST_LECTURE: 'Gæsteforelæsning',
    STUDY_VISIT: 'Studiebesøg',
    WORKPLACE_PLACEMENT: 'Praktik',
    PROJECT: 'Projekt',
    MENTORING: 'Mentorordning',
    TEACHER_TRAINING: 'Efteruddannelse af lærere',
    EVENT: 'Arrangement',
  },
  nb: {
    GUEST_LECTURE: 'Gjesteforelesning',
    STUDY_VISIT: 'Studiebesøk',
    WORKPLACE_PLACEMENT: 'Utplassering (praksis)',
    PROJECT: 'Prosjekt',
    MENTORING: 'Mentorordning',
    TEACHER_TRAINING: 'Etterutdanning for lærere',
    EVENT: 'Arrangement',
  },
  en: {
    GUEST_LECTURE: 'Guest lecture',
    STUDY_VISIT: 'Study visit',
    WORKPLACE_PLACEMENT: 'Workplace placement (APL)',
    PROJECT: 'Project',
    MENTORING: 'Mentoring',
    TEACHER_TRAINING: 'Teacher training',
    EVENT: 'Event',
  },
};

const UNKNOWN_DISTRICT: Record<Locale, string> = { sv: 'Okänt område', da: 'Ukendt område', nb: 'Ukjent område', en: 'Unknown district' };

export function activityTypeLabel(type: ActivityType, locale: Locale): string {
  return ACTIVITY[locale][type] ?? type;
}

export function unknownDistrictLabel(locale: Locale): string {
  return UNKNOWN_DISTRICT[locale];
}

/** School levels (identity's SchoolLevel values) and "unknown", as a report reads them. */
const SCHOOL_LEVEL: Record<Locale, Record<string, string>> = {
  sv: {
    PRIMARY: 'Lågstadiet och mellanstadiet',
    LOWER_SECONDARY: 'Högstadiet',
    UPPER_SECONDARY: 'Gymnasieskolan',
    ADULT_EDUCATION: 'Vuxenutbildning',
    SPECIAL: 'Anpassad skola',
    OTHER: 'Annan skolform',
    unknown: 'Okänd skolform',
  },
  da: {
    PRIMARY: 'Indskoling og mellemtrin',
    LOWER_SECONDARY: 'Udskoling',
    UPPER_SECONDARY: 'Ungdomsuddannelse',
    ADULT_EDUCATION: 'Voksenuddannelse',
    SPECIAL: 'Specialundervisning',
    OTHER: 'Andet skoletrin',
    unknown: 'Ukendt skoletrin',
  },
  nb: {
    PRIMARY: 'Barneskole',
    LOWER_SECONDARY: 'Ungdomsskole',
    UPPER_SECONDARY: 'Videregående skole',
    ADULT_EDUCATION: 'Voksenopplæring',
    SPECIAL: 'Spesialundervisning',
    OTHER: 'Annet skoletrinn',
    unknown: 'Ukjent skoletrinn',
  },
  en: {
    PRIMARY: 'Primary',
    LOWER_SECONDARY: 'Lower secondary',
    UPPER_SECONDARY: 'Upper secondary',
    ADULT_EDUCATION: 'Adult education',
    SPECIAL: 'Special education',
    OTHER: 'Other level',
    unknown: 'Unknown level',
  },
};

const NEED_INDEX: Record<Locale, string> = { sv: 'Behovsindex', da: 'Behovsindeks', nb: 'Behovsindeks', en: 'Need index' };
const UNKNOWN_NEED: Record<Locale, string> = { sv: 'Okänt behovsindex', da: 'Ukendt behovsindeks', nb: 'Ukjent behovsindeks', en: 'Unknown need index' };

/** A school level's label ("unknown": schools without levels). */
export function schoolLevelLabel(level: string, locale: Locale): string {
  return SCHOOL_LEVEL[locale][level] ?? level;
}

/** "Need index 0–25"; "unknown": schools without a need index. */
export function needBandLabel(band: string, locale: Locale): string {
  return band === 'unknown' ? UNKNOWN_NEED[locale] : `${NEED_INDEX[locale]} ${band.replace('-', '–')}`;
}
