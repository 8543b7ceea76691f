import type { Template } from './template';

export const organizationVerified: Template = (p, locale, ctx) => {
  const org = String(p.organizationName ?? '');
  const url = `${ctx.publicUrl.replace(/\/$/, '')}/organizations/${encodeURIComponent(String(p.organizationId ?? ''))}`;
  const w = {
    sv: [`Verifierad: ${org}`, `${org} är nu verifierad på Brobygge. Ni kan publicera erbjudanden och föreslå samarbeten.`, 'Öppna organisationen'],
    da: [`Verificeret: ${org}`, `${org} er nu verificeret på Brobygge. I kan offentliggøre tilbud og foreslå samarbejder.`, 'Åbn organisationen'],
    nb: [`Verifisert: ${org}`, `${org} er nå verifisert på Brobygge. Dere kan publisere tilbud og foreslå samarbeid.`, 'Åpne organisasjonen'],
    en: [`Verified: ${org}`, `${org} is now verified on Brobygge. You can publish offers and propose collaborations.`, 'Open the organisation'],
  }[locale];
  return { subject: w[0], paragraphs: [w[1]], link: { label: w[2], url } };
};
