import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import { DataSource } from 'typeorm';
import { Actor, ConflictError, isUuid, Locale, localeOfCountry, NotFoundError, requireSignedIn } from '@brobygge/core';
import { Match } from './match.entity';
import { MatchPolicy } from './match.policy';
import { RISK_QUESTIONS } from './placement-checklist';
import { Placement, RiskAssessmentRecord, SupervisorRecord } from './placement.entity';
import { AGREEMENT_STATES, MatchContact, Placements, WORKPLACE_PLACEMENT } from './placements';

/** Everything the agreement shows, read once. */
export interface AgreementData {
  matchId: string;
  locale: Locale;
  timeZone: string;
  status: string;
  quantity: number;
  startsAt: Date | null;
  endsAt: Date | null;
  earliestDate: string;
  latestDate: string;
  studentAge: number | null;
  offerTitle: string;
  requestTitle: string;
  focusAreas: string[];
  school: { name: string; municipality: string | null; contacts: MatchContact[] };
  workplace: { name: string; municipality: string | null; contacts: MatchContact[] };
  regionName: string;
  supervisor: SupervisorRecord | null;
  riskAssessment: (RiskAssessmentRecord & { submittedAt: Date | null; submittedBy: string | null }) | null;
  generatedAt: Date;
}

const LABELS: Record<Locale, Record<string, string>> = {
  sv: {
    title: 'Avtal om arbetsplatsförlagt lärande (APL)',
    name: 'Namn',
    school: 'Skola',
    workplace: 'Arbetsplats',
    contacts: 'Kontaktpersoner',
    supervisor: 'Handledare',
    placement: 'Placeringen',
    offer: 'Erbjudande',
    request: 'Förfrågan',
    dates: 'Datum',
    pupils: 'Antal elever',
    age: 'Elevernas ålder',
    focusAreas: 'Inriktning',
    region: 'Region',
    risk: 'Riskbedömning',
    submitted: 'Inlämnad',
    by: 'av',
    yes: 'Ja',
    no: 'Nej',
    note: 'Kommentar',
    summary: 'Sammanfattning',
    notAsked: 'Inte besvarad (eleverna är 18 år eller äldre)',
    signatures: 'Underskrifter',
    forSchool: 'För skolan',
    forWorkplace: 'För arbetsplatsen',
    forCoordinator: 'Samordnare (regionen)',
    signature: 'Underskrift',
    printed: 'Namnförtydligande',
    date: 'Datum',
    none: '–',
    footer: 'Brobygge, match',
  },
  da: {
    title: 'Aftale om praktik på en arbejdsplads',
    name: 'Navn',
    school: 'Skole',
    workplace: 'Arbejdsplads',
    contacts: 'Kontaktpersoner',
    supervisor: 'Vejleder',
    placement: 'Praktikken',
    offer: 'Tilbud',
    request: 'Forespørgsel',
    dates: 'Datoer',
    pupils: 'Antal elever',
    age: 'Elevernes alder',
    focusAreas: 'Fagområder',
    region: 'Region',
    risk: 'Risikovurdering',
    submitted: 'Indsendt',
    by: 'af',
    yes: 'Ja',
    no: 'Nej',
    note: 'Bemærkning',
    summary: 'Sammenfatning',
    notAsked: 'Ikke besvaret (eleverne er 18 år eller ældre)',
    signatures: 'Underskrifter',
    forSchool: 'For skolen',
    forWorkplace: 'For arbejdspladsen',
    forCoordinator: 'Koordinator (regionen)',
    signature: 'Underskrift',
    printed: 'Navn med blokbogstaver',
    date: 'Dato',
    none: '–',
    footer: 'Brobygge, match',
  },
  nb: {
    title: 'Avtale om arbeidspraksis',
    name: 'Navn',
    school: 'Skole',
    workplace: 'Arbeidsplass',
    contacts: 'Kontaktpersoner',
    supervisor: 'Veileder',
    placement: 'Praksisen',
    offer: 'Tilbud',
    request: 'Forespørsel',
    dates: 'Datoer',
    pupils: 'Antall elever',
    age: 'Elevenes alder',
    focusAreas: 'Fagområder',
    region: 'Region',
    risk: 'Risikovurdering',
    submitted: 'Levert',
    by: 'av',
    yes: 'Ja',
    no: 'Nei',
    note: 'Merknad',
    summary: 'Sammendrag',
    notAsked: 'Ikke besvart (elevene er 18 år eller eldre)',
    signatures: 'Underskrifter',
    forSchool: 'For skolen',
    forWorkplace: 'For arbeidsplassen',
    forCoordinator: 'Koordinator (regionen)',
    signature: 'Underskrift',
    printed: 'Navn med blokkbokstaver',
    date: 'Dato',
    none: '–',
    footer: 'Brobygge, match',
  },
  en: {
    title: 'Workplace placement agreement',
    name: 'Name',
    school: 'School',
    workplace: 'Workplace',
    contacts: 'Contact people',
    supervisor: 'Supervisor',
    placement: 'The placement',
    offer: 'Offer',
    request: 'Request',
    dates: 'Dates',
    pupils: 'Number of pupils',
    age: "Pupils' age",
    focusAreas: 'Focus areas',
    region: 'Region',
    risk: 'Risk assessment',
    submitted: 'Submitted',
    by: 'by',
    yes: 'Yes',
    no: 'No',
    note: 'Note',
    summary: 'Summary',
    notAsked: 'Not answered (the pupils are 18 or older)',
    signatures: 'Signatures',
    forSchool: 'For the school',
    forWorkplace: 'For the workplace',
    forCoordinator: 'Coordinator (region)',
    signature: 'Signature',
    printed: 'Name in print',
    date: 'Date',
    none: '–',
    footer: 'Brobygge, match',
  },
};

const TIME_ZONES: Record<string, string> = { SE: 'Europe/Stockholm', DK: 'Europe/Copenhagen', NO: 'Europe/Oslo' };
const LANGUAGE_TAGS: Record<Locale, string> = { sv: 'sv-SE', da: 'da-DK', nb: 'nb-NO', en: 'en-GB' };

/** WinAnsi's characters beyond ASCII and Latin-1 (0x80–0x9F): what the built-in Helvetica can draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const drawable = (c: string): boolean => {
  const code = c.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c);
};

/**
 * Text the standard PDF fonts can draw (WinAnsi: å ä ö æ ø é ü and the rest of Latin-1):
 * other letters lose their accents where that gives one (ő → o), else become "?".
 */
export function pdfText(value: string): string {
  let out = '';
  for (const c of value.replace(/[\r\t]/g, ' ')) {
    if (c === '\n' || drawable(c)) out += c;
    else {
      const base = c.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every(drawable) ? base : '?';
    }
  }
  return out;
}

/** The agreement as a PDF (pdfkit, built-in Helvetica), in `data.locale`. */
export function renderAgreementPdf(data: AgreementData): Promise<Buffer> {
  const t = LABELS[data.locale];
  const dateTime = new Intl.DateTimeFormat(LANGUAGE_TAGS[data.locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: data.timeZone });
  const day = new Intl.DateTimeFormat(LANGUAGE_TAGS[data.locale], { dateStyle: 'medium', timeZone: data.timeZone });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: pdfText(`${t.title}: ${data.school.name} / ${data.workplace.name}`), Creator: 'Brobygge', CreationDate: data.generatedAt },
    lang: LANGUAGE_TAGS[data.locale],
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (s: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(pdfText(s)).moveDown(0.2);
  const line = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(pdfText(`${label}: `), { continued: true })
      .font('Helvetica')
      .text(pdfText(value));
  const contactLine = (c: { name: string; email: string | null; phone: string | null; role?: string | null }) =>
    [c.name, c.role, c.email, c.phone].filter((x): x is string => !!x).join(', ');

  doc.font('Helvetica-Bold').fontSize(17).text(pdfText(t.title));
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#555555')
    .text(pdfText(`${t.footer} ${data.matchId} · ${dateTime.format(data.generatedAt)}`))
    .fillColor('black');

  for (const [label, side] of [
    [t.school, data.school],
    [t.workplace, data.workplace],
  ] as const) {
    heading(label);
    line(t.name, [side.name, side.municipality].filter(Boolean).join(', '));
    line(t.contacts, side.contacts.length ? side.contacts.map(contactLine).join('; ') : t.none);
  }

  heading(t.supervisor);
  line(t.supervisor, data.supervisor ? contactLine(data.supervisor) : t.none);

  heading(t.placement);
  line(t.offer, data.offerTitle);
  line(t.request, data.requestTitle);
  line(t.dates, data.startsAt && data.endsAt ? `${dateTime.format(data.startsAt)} – ${dateTime.format(data.endsAt)}` : `${data.earliestDate} – ${data.latestDate}`);
  line(t.pupils, String(data.quantity));
  if (data.studentAge !== null) line(t.age, String(data.studentAge));
  line(t.focusAreas, data.focusAreas.length ? data.focusAreas.join(', ') : t.none);
  line(t.region, data.regionName);

  heading(t.risk);
  const risk = data.riskAssessment;
  if (!risk) doc.font('Helvetica').fontSize(10).text(t.none);
  else {
    if (risk.submittedAt) line(t.submitted, [day.format(risk.submittedAt), risk.submittedBy ? `${t.by} ${risk.submittedBy}` : null].filter(Boolean).join(' '));
    const answers = new Map(risk.answers.map((a) => [a.key, a]));
    RISK_QUESTIONS.forEach((q, i) => {
      const a = answers.get(q.key);
      if (!a && !q.minorsOnly) return;
      doc
        .moveDown(0.3)
        .font('Helvetica')
        .fontSize(10)
        .text(pdfText(`${i + 1}. ${q.text[data.locale]}`));
      doc.font('Helvetica-Bold').text(pdfText(a ? (a.answer ? t.yes : t.no) : t.notAsked), { indent: 14 });
      if (a?.note) doc.font('Helvetica-Oblique').text(pdfText(`${t.note}: ${a.note}`), { indent: 14 });
    });
    if (risk.summary) {
      doc.moveDown(0.4);
      line(t.summary, risk.summary);
    }
  }

  heading(t.signatures);
  for (const who of [t.forSchool, t.forWorkplace, t.forCoordinator]) {
    if (doc.y > doc.page.height - 150) doc.addPage();
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(10).text(pdfText(who));
    doc.moveDown(1.6).font('Helvetica').fontSize(9);
    const y = doc.y;
    const x = doc.page.margins.left;
    doc
      .moveTo(x, y)
      .lineTo(x + 200, y)
      .moveTo(x + 220, y)
      .lineTo(x + 390, y)
      .moveTo(x + 410, y)
      .lineTo(x + 480, y)
      .stroke();
    doc.text(pdfText(t.signature), x, y + 3, { lineBreak: false });
    doc.text(pdfText(t.printed), x + 220, y + 3, { lineBreak: false });
    doc.text(pdfText(t.date), x + 410, y + 3, { lineBreak: false });
    doc.x = x;
    doc.y = y + 16;
  }
  doc.end();
  return done;
}

/** The placement agreement of a match (`GET /matches/<id>/agreement.pdf`): who may read it, what it says. */
@Injectable()
export class Agreements {
  constructor(
    private readonly dataSource: DataSource,
    private readonly placements: Placements,
  ) {}

  /**
   * Members of either side, coordinators of the region and admins (NOT_FOUND for anyone
   * else, and for a match that is not a workplace placement); CONFLICT before APPROVED.
   */
  async pdf(actor: Actor, matchId: string, now: Date): Promise<{ data: AgreementData; pdf: Buffer }> {
    const data = await this.data(actor, matchId, now);
    return { data, pdf: await renderAgreementPdf(data) };
  }

  async data(actor: Actor, matchId: string, now: Date): Promise<AgreementData> {
    requireSignedIn(actor);
    const match = isUuid(matchId) ? await this.dataSource.getRepository(Match).findOneBy({ id: matchId }) : null;
    if (!match) throw new NotFoundError('Match', matchId);
    MatchPolicy.assertCanSee(actor, match);
    const [facts]: Array<{
      activityType: string;
      offerTitle: string;
      requestTitle: string;
      studentAge: number | null;
      earliestDate: string;
      latestDate: string;
      focusAreas: string[];
      countryCode: string;
      regionName: string;
    }> = await this.dataSource.query(
      `SELECT o.activity_type AS "activityType", o.title AS "offerTitle", r.title AS "requestTitle", r.student_age AS "studentAge",
              r.earliest_date::text AS "earliestDate", r.latest_date::text AS "latestDate",
              ARRAY(SELECT DISTINCT unnest(r.focus_areas || o.focus_areas) ORDER BY 1) AS "focusAreas",
              g.country_code AS "countryCode", g.name AS "regionName"
         FROM offer o, collaboration_request r, region g WHERE o.id = $1 AND r.id = $2 AND g.code = $3`,
      [match.offerId, match.requestId, match.regionCode],
    );
    if (facts.activityType !== WORKPLACE_PLACEMENT) throw new NotFoundError('Agreement', matchId);
    if (!AGREEMENT_STATES.includes(match.status)) throw new ConflictError(`The agreement is ready once the match is APPROVED; it is ${match.status}.`);
    const locale = localeOfCountry(facts.countryCode);
    const orgs: Array<{ id: string; name: string; municipality: string | null; contact: MatchContact | null }> = await this.dataSource.query(
      'SELECT id, name, municipality, contact FROM organization WHERE id = ANY($1::uuid[])',
      [[match.schoolId, match.partnerId]],
    );
    const areas: Array<{ code: string; name: string }> = await this.dataSource.query(
      `SELECT code, CASE $2 WHEN 'sv' THEN name_sv WHEN 'da' THEN name_da WHEN 'nb' THEN name_nb ELSE name_en END AS name
         FROM focus_area WHERE code = ANY($1::varchar[]) ORDER BY 2`,
      [facts.focusAreas, locale],
    );
    const placement = await this.dataSource.getRepository(Placement).findOneBy({ matchId });
    const [submitter]: Array<{ name: string }> = placement?.submittedById
      ? await this.dataSource.query('SELECT name FROM app_user WHERE id = $1 AND deleted_at IS NULL', [placement.submittedById])
      : [];
    const contacts = (await this.placements.contactsOf([match], new Map(orgs.map((o) => [o.id, o.contact])))).get(match.id) ?? [];
    const side = (id: string) => {
      const org = orgs.find((o) => o.id === id)!;
      return { name: org.name, municipality: org.municipality, contacts: contacts.filter((c) => c.organizationId === id) };
    };
    return {
      matchId: match.id,
      locale,
      timeZone: TIME_ZONES[facts.countryCode] ?? 'UTC',
      status: match.status,
      quantity: match.quantity,
      startsAt: match.startsAt,
      endsAt: match.endsAt,
      earliestDate: facts.earliestDate,
      latestDate: facts.latestDate,
      studentAge: facts.studentAge,
      offerTitle: facts.offerTitle,
      requestTitle: facts.requestTitle,
      focusAreas: areas.map((a) => a.name),
      school: side(match.schoolId),
      workplace: side(match.partnerId),
      regionName: facts.regionName,
      supervisor: placement?.supervisor ?? null,
      riskAssessment: placement?.riskAssessment ? { ...placement.riskAssessment, submittedAt: placement.submittedAt, submittedBy: submitter?.name ?? null } : null,
      generatedAt: now,
    };
  }
}
