import type { Locale } from '@brobygge/core';
import type { Template } from './template';

type Words = (place: string, who: string) => [string, string, string];

const WORDS: Record<Locale, Words> = {
  sv: (p, w) => [`Ny handledare för praktiken: ${p}`, `Arbetsplatsen har bytt handledare för eleverna på ${p}. Ny handledare: ${w}.`, 'Öppna matchningen'],
  da: (p, w) => [`Ny vejleder for praktikken: ${p}`, `Arbejdspladsen har skiftet vejleder for eleverne på ${p}. Ny vejleder: ${w}.`, 'Åbn matchet'],
  nb: (p, w) => [`Ny veileder for praksisen: ${p}`, `Arbeidsplassen har byttet veileder for elevene på ${p}. Ny veileder: ${w}.`, 'Åpne matchen'],
  en: (p, w) => [`New supervisor for the placement: ${p}`, `The workplace has changed the pupils' supervisor at ${p}. The new supervisor: ${w}.`, 'Open the match'],
};

const UNVERIFIED: Record<Locale, string> = {
  sv: 'en organisation som ännu inte är verifierad',
  da: 'en organisation, der endnu ikke er verificeret',
  nb: 'en organisasjon som ennå ikke er verifisert',
  en: 'an organisation not yet verified',
};

/** A placement's supervisor changed after approval (issue 16): the school's members are told who it is now. */
export const placementSupervisorChanged: Template = (p, locale, ctx) => {
  const place = [p.offerTitle, p.partnerName].filter(Boolean).join(', ') || UNVERIFIED[locale];
  const who = [p.supervisorName, p.supervisorEmail, p.supervisorPhone].filter(Boolean).join(', ');
  const [subject, body, label] = WORDS[locale](String(place), who);
  const url = `${ctx.publicUrl.replace(/\/$/, '')}/matches/${encodeURIComponent(String(p.matchId ?? ''))}`;
  return { subject, paragraphs: [body], link: { label, url } };
};
