import type { Template } from './template';

interface Item {
  kind: 'request' | 'offer';
  id: string;
  title: string;
  organization: string;
}

/** The daily or weekly digest: new requests that fit a partner's offers, new offers that fit a school's requests. */
export const digest: Template = (p, locale, ctx) => {
  const items = (Array.isArray(p.items) ? p.items : []) as Item[];
  const more = Number(p.more ?? 0);
  const total = items.length + more;
  const weekly = p.period === 'WEEKLY';
  const w = {
    sv: {
      subject: `${weekly ? 'Veckans' : 'Dagens'} nyheter på Brobygge: ${total} som passar er`,
      intro: `Det här är nytt sedan ${weekly ? 'förra veckan' : 'i går'} och passar era erbjudanden eller förfrågningar:`,
      request: 'Förfrågan',
      offer: 'Erbjudande',
      more: `… och ${more} till.`,
      link: 'Öppna Brobygge',
    },
    da: {
      subject: `${weekly ? 'Ugens' : 'Dagens'} nyt på Brobygge: ${total} der passer til jer`,
      intro: `Dette er nyt siden ${weekly ? 'sidste uge' : 'i går'} og passer til jeres tilbud eller forespørgsler:`,
      request: 'Forespørgsel',
      offer: 'Tilbud',
      more: `… og ${more} mere.`,
      link: 'Åbn Brobygge',
    },
    nb: {
      subject: `${weekly ? 'Ukens' : 'Dagens'} nytt på Brobygge: ${total} som passer for dere`,
      intro: `Dette er nytt siden ${weekly ? 'forrige uke' : 'i går'} og passer til deres tilbud eller forespørsler:`,
      request: 'Forespørsel',
      offer: 'Tilbud',
      more: `… og ${more} til.`,
      link: 'Åpne Brobygge',
    },
    en: {
      subject: `${weekly ? 'This week' : 'Today'} on Brobygge: ${total} that fit you`,
      intro: `New since ${weekly ? 'last week' : 'yesterday'}, and fitting your offers or requests:`,
      request: 'Request',
      offer: 'Offer',
      more: `… and ${more} more.`,
      link: 'Open Brobygge',
    },
  }[locale];
  const lines = items.map((i) => `• ${i.kind === 'request' ? w.request : w.offer}: ${i.title} — ${i.organization}`);
  return {
    subject: w.subject,
    paragraphs: [w.intro, lines.join('\n'), ...(more > 0 ? [w.more] : [])],
    link: { label: w.link, url: `${ctx.publicUrl.replace(/\/$/, '')}/` },
  };
};
