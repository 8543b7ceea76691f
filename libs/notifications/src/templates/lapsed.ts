import type { Locale } from '@brobygge/core';
import type { Template } from './template';

type Kind = 'request' | 'offer';

const WORDS: Record<Locale, Record<Kind, (title: string, day: string) => [string, string, string]>> = {
  sv: {
    request: (t, d) => [
      `Förfrågan har stängt: ${t}`,
      `Sista dagen för förfrågan "${t}" var ${d}. Den är nu stängd och syns inte längre bland öppna förfrågningar; förslag som ingen hann svara på är avbrutna. Behöver ni fortfarande stöd? Lägg en ny förfrågan.`,
      'Öppna förfrågan',
    ],
    offer: (t, d) => [
      `Erbjudandet har arkiverats: ${t}`,
      `Erbjudandet "${t}" var tillgängligt till ${d}. Det är nu arkiverat och syns inte längre i katalogen; förslag som ingen hann svara på är avbrutna. Bokade aktiviteter påverkas inte.`,
      'Öppna erbjudandet',
    ],
  },
  da: {
    request: (t, d) => [
      `Forespørgslen er lukket: ${t}`,
      `Sidste dag for forespørgslen "${t}" var ${d}. Den er nu lukket og vises ikke længere blandt åbne forespørgsler; forslag, som ingen nåede at svare på, er annulleret. Har I stadig brug for støtte? Opret en ny forespørgsel.`,
      'Åbn forespørgslen',
    ],
    offer: (t, d) => [
      `Tilbuddet er arkiveret: ${t}`,
      `Tilbuddet "${t}" var tilgængeligt til ${d}. Det er nu arkiveret og vises ikke længere i kataloget; forslag, som ingen nåede at svare på, er annulleret. Aftalte aktiviteter påvirkes ikke.`,
      'Åbn tilbuddet',
    ],
  },
  nb: {
    request: (t, d) => [
      `Forespørselen er lukket: ${t}`,
      `Siste dag for forespørselen "${t}" var ${d}. Den er nå lukket og vises ikke lenger blant åpne forespørsler; forslag som ingen rakk å svare på, er avlyst. Trenger dere fortsatt støtte? Opprett en ny forespørsel.`,
      'Åpne forespørselen',
    ],
    offer: (t, d) => [
      `Tilbudet er arkivert: ${t}`,
      `Tilbudet "${t}" var tilgjengelig til ${d}. Det er nå arkivert og vises ikke lenger i katalogen; forslag som ingen rakk å svare på, er avlyst. Avtalte aktiviteter påvirkes ikke.`,
      'Åpne tilbudet',
    ],
  },
  en: {
    request: (t, d) => [
      `Request closed: ${t}`,
      `The last day of the request "${t}" was ${d}. It is now closed and no longer listed among open requests; proposals that nobody answered in time are cancelled. Still need support? Post a new request.`,
      'Open the request',
    ],
    offer: (t, d) => [
      `Offer archived: ${t}`,
      `The offer "${t}" was available until ${d}. It is now archived and no longer listed in the catalogue; proposals that nobody answered in time are cancelled. Scheduled activities are not affected.`,
      'Open the offer',
    ],
  },
};

function day(iso: unknown, locale: Locale): string {
  if (typeof iso !== 'string') return '';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/** A request or offer of the recipient's organisation lapsed (its last day passed). */
function lapsed(kind: Kind): Template {
  return (p, locale, ctx) => {
    const [subject, body, label] = WORDS[locale][kind](String(p.title ?? ''), day(p.lastDay, locale));
    const url = `${ctx.publicUrl.replace(/\/$/, '')}/${kind === 'request' ? 'requests' : 'offers'}/${encodeURIComponent(String(p.itemId ?? ''))}`;
    return { subject, paragraphs: [body], link: { label, url } };
  };
}

export const requestLapsed = lapsed('request');
export const offerLapsed = lapsed('offer');
