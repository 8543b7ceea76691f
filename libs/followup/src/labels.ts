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
