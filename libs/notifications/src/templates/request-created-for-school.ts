import type { Locale } from '@brobygge/core';
import type { Template } from './template';

const WORDS: Record<Locale, (title: string, school: string) => [string, string, string]> = {
  sv: (t, s) => [
    `Ny förfrågan för ${s}: ${t}`,
    `En samordnare i er region har lagt förfrågan "${t}" för ${s} på Brobygge. Den är er: ni kan ändra den eller avbryta den som om ni hade lagt den själva.`,
    'Öppna förfrågan',
  ],
  da: (t, s) => [
    `Ny forespørgsel for ${s}: ${t}`,
    `En koordinator i jeres region har oprettet forespørgslen "${t}" for ${s} på Brobygge. Den er jeres: I kan ændre eller annullere den, som om I selv havde oprettet den.`,
    'Åbn forespørgslen',
  ],
  nb: (t, s) => [
    `Ny forespørsel for ${s}: ${t}`,
    `En koordinator i regionen deres har opprettet forespørselen "${t}" for ${s} på Brobygge. Den er deres: dere kan endre eller avlyse den som om dere hadde opprettet den selv.`,
    'Åpne forespørselen',
  ],
  en: (t, s) => [
    `New request for ${s}: ${t}`,
    `A coordinator of your region has posted the request "${t}" for ${s} on Brobygge. It is yours: you can edit or cancel it as if you had posted it yourselves.`,
    'Open the request',
  ],
};

/** A coordinator posted a request on the school's behalf (RULES.md "Next"): its members are told. */
export const requestCreatedForSchool: Template = (p, locale, ctx) => {
  const [subject, body, label] = WORDS[locale](String(p.requestTitle ?? ''), String(p.organizationName ?? ''));
  const url = `${ctx.publicUrl.replace(/\/$/, '')}/requests/${encodeURIComponent(String(p.requestId ?? ''))}`;
  return { subject, paragraphs: [body], link: { label, url } };
};
