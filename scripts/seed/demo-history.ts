/**
 * The demo world's past year, so that the impact report, its CSV and the calendars show
 * real numbers on a fresh start: collaborations completed over the last twelve months
 * (with their history and both sides' feedback, pupils counted by gender), a few that are
 * agreed for the coming weeks, and two Malmö schools (Limhamns gymnasium, Värnhemsskolan)
 * left without any activity — the gap list has something to show.
 *
 * Each collaboration has its own request and offer, dated in the past: the requests are
 * CLOSED and the offers ARCHIVED, as lapsing would have left them. Idempotent: a
 * collaboration whose request title the school already has is skipped.
 */
import type { EntityManager } from 'typeorm';
import { ActivityType as A } from '@brobygge/catalog';

type Counts = [female: number, male: number, nonBinary: number, unknown: number];

/** school, partner, type, offer title, request title, focus areas, quantity, group size, days ago it ended, pupils, ratings [school, partner], the school's comment */
type Past = [string, string, A, string, string, string[], number, number | null, number, Counts | null, [number | null, number | null], string?];
/** school, partner, type, offer title, request title, focus areas, quantity, group size, in how many days it starts (null: approved, not yet scheduled) */
type Coming = [string, string, A, string, string, string[], number, number | null, number | null];

const PAST: Past[] = [
  [
    'rosengard',
    'mau',
    A.GUEST_LECTURE,
    'Föreläsning: så fungerar ett vaccin (vt)',
    'Vaccin och immunförsvar för NA2',
    ['medicine-pharmacy'],
    1,
    28,
    330,
    [15, 12, 1, 0],
    [5, 4],
    'Eleverna ställde frågor långt efter lektionen.',
  ],
  [
    'rosengard',
    'sus',
    A.WORKPLACE_PLACEMENT,
    'APL på vårdavdelning, vårterminen',
    'APL för VO-elever, vecka 10–12',
    ['care'],
    3,
    null,
    270,
    [2, 1, 0, 0],
    [5, 5],
    'Handledarna var fantastiska.',
  ],
  [
    'rosengard',
    'malmo-energi',
    A.STUDY_VISIT,
    'Besök i kraftvärmeverket, våren',
    'Studiebesök om fjärrvärme för TE1',
    ['electricity-energy'],
    1,
    24,
    200,
    [6, 17, 0, 1],
    [4, 4],
  ],
  ['rosengard', 'oresund-bio', A.PROJECT, 'Projekt: bioteknik i vardagen', 'Biotekniskt elevprojekt åk 2', ['biotechnology'], 1, 18, 40, [10, 8, 0, 0], [4, null]],
  [
    'fosie',
    'sus',
    A.WORKPLACE_PLACEMENT,
    'APL i laboratoriemedicin, hösten',
    'APL för biomedicinintresserade elever',
    ['medicine-pharmacy', 'care'],
    2,
    null,
    300,
    [2, 0, 0, 0],
    [4, 5],
  ],
  [
    'fosie',
    'lu',
    A.GUEST_LECTURE,
    'Föreläsning: partikelfysik och ESS',
    'Fysikföreläsning för NA3',
    ['physics'],
    1,
    30,
    180,
    [11, 18, 1, 0],
    [3, 4],
    'Lite för avancerat för gruppen.',
  ],
  ['fosie', 'miljo', A.PROJECT, 'Projekt: luftkvalitet i Fosie', 'Mätprojekt om luft och trafik', ['environment-climate'], 1, 26, 95, null, [5, 5]],
  ['fosie', 'mau', A.MENTORING, 'Studentmentorer i kemi, höstterminen', 'Mentorer för elever i kemi 1', ['chemistry'], 1, 10, 20, [6, 3, 1, 0], [4, 4]],
  [
    'hyllie',
    'oresund-bio',
    A.STUDY_VISIT,
    'Labbesök hos Öresund Biotech, våren',
    'Studiebesök i biotekniklabb',
    ['biotechnology', 'biology'],
    1,
    20,
    240,
    [12, 8, 0, 0],
    [5, 4],
  ],
  [
    'hyllie',
    'malmo-energi',
    A.GUEST_LECTURE,
    'Föreläsning: energisystemet 2040',
    'Energiomställningen för TE2',
    ['electricity-energy'],
    1,
    32,
    60,
    [9, 22, 0, 1],
    [4, 3],
  ],
  ['latinskola', 'lu', A.TEACHER_TRAINING, 'Lärarfortbildning: modellering med öppna data', 'Fortbildning för matematiklärare', ['mathematics'], 1, 8, 150, null, [4, 5]],
  [
    'latinskola',
    'mau',
    A.GUEST_LECTURE,
    'Föreläsning: AI och språkmodeller, hösten',
    'AI-föreläsning för samhällsklass',
    ['computing-ai'],
    1,
    30,
    75,
    [17, 12, 1, 0],
    [5, 4],
  ],
  [
    'borgar',
    'miljo',
    A.STUDY_VISIT,
    'Besök på reningsverket, hösten',
    'Studiebesök: vatten och avlopp',
    ['environment-climate'],
    1,
    22,
    120,
    [10, 11, 0, 1],
    [3, null],
    'Bra, men bussresan tog lång tid.',
  ],
  [
    'borgar',
    'malmo-energi',
    A.WORKPLACE_PLACEMENT,
    'APL inom elinstallation, våren',
    'APL för EE-programmet',
    ['electricity-energy', 'engineering'],
    2,
    null,
    210,
    [0, 2, 0, 0],
    [4, 4],
  ],
  [
    'komvux',
    'sus',
    A.WORKPLACE_PLACEMENT,
    'APL för undersköterskeutbildningen',
    'APL för vuxenstuderande undersköterskor',
    ['care'],
    4,
    null,
    140,
    [3, 1, 0, 0],
    [5, 5],
    'Flera fick sommarjobb efteråt.',
  ],
  ['komvux', 'mau', A.GUEST_LECTURE, 'Föreläsning: vägar till högskolan', 'Information om vidare studier', ['biology', 'chemistry'], 1, 25, 30, null, [null, null]],
  [
    'norre-gym',
    'hovedstaden-pharma',
    A.STUDY_VISIT,
    'Besøg i produktionen, foråret',
    'Studiebesøg i medicinalindustrien',
    ['medicine-pharmacy'],
    1,
    28,
    220,
    [15, 12, 0, 1],
    [5, 4],
  ],
  [
    'norre-gym',
    'hovedstaden-pharma',
    A.GUEST_LECTURE,
    'Oplæg: fra molekyle til medicin',
    'Oplæg for biotek-klassen',
    ['biotechnology', 'chemistry'],
    1,
    26,
    50,
    [14, 12, 0, 0],
    [4, 4],
  ],
  ['amager-gym', 'hovedstaden-pharma', A.MENTORING, 'Mentorforløb med unge kemikere', 'Mentorer til kemi A-elever', ['chemistry'], 1, 8, 100, [5, 3, 0, 0], [5, null]],
  ['tromso-vgs', 'uit', A.STUDY_VISIT, 'Besøk ved Framsenteret, våren', 'Studietur om klima i Arktis', ['environment-climate'], 1, 25, 190, [13, 11, 1, 0], [5, 5]],
  [
    'tromso-vgs',
    'arktisk-havbruk',
    A.WORKPLACE_PLACEMENT,
    'Utplassering på oppdrettsanlegg',
    'Utplassering for naturbruk',
    ['food-production', 'biology'],
    2,
    null,
    110,
    [1, 1, 0, 0],
    [4, 4],
  ],
  ['kongsbakken', 'uit', A.GUEST_LECTURE, 'Foredrag: nordlys og romfysikk', 'Fysikkforedrag for Vg2', ['physics'], 1, 27, 35, [12, 14, 0, 1], [4, 5]],
];

const COMING: Coming[] = [
  ['rosengard', 'mau', A.STUDY_VISIT, 'Studiebesök i vårdlabbet (bokat)', 'Vårdlabbet för VO1', ['care'], 1, 16, 12],
  ['hyllie', 'lu', A.EVENT, 'Experimentdag i Vattenhallen (bokad)', 'Experimentdag för åk 9', ['physics'], 1, 28, 25],
  ['fosie', 'oresund-bio', A.PROJECT, 'Projekt: DNA-analys (godkänt)', 'DNA-projekt för NA2', ['biotechnology'], 1, 20, null],
];

const iso = (t: number) => new Date(t).toISOString();
const dateOf = (t: number) => iso(t).slice(0, 10);
const DAY = 86_400_000;

export interface DemoOrgRef {
  org: { id: string; regionCode: string };
  ownerId: string;
}

export async function seedHistory(m: EntityManager, orgs: Map<string, DemoOrgRef>, now: Date): Promise<void> {
  const taken = new Set(((await m.query(`SELECT organization_id || '|' || title AS k FROM collaboration_request`)) as Array<{ k: string }>).map((r) => r.k));
  const of = (slug: string) => {
    const o = orgs.get(slug);
    if (!o) throw new Error(`demo-history names an unknown organisation "${slug}"`);
    return o;
  };
  const noon = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12);
  const today = dateOf(noon);

  const collaboration = async (
    school: DemoOrgRef,
    partner: DemoOrgRef,
    type: A,
    offerTitle: string,
    requestTitle: string,
    focus: string[],
    quantity: number,
    groupSize: number | null,
    startsAt: number | null,
    endsAt: number | null,
    status: 'COMPLETED' | 'SCHEDULED' | 'APPROVED',
    seq: number,
  ) => {
    const anchor = startsAt ?? noon + 20 * DAY;
    const created = anchor - (35 + (seq % 4) * 5) * DAY;
    const first = dateOf(anchor - 7 * DAY);
    const last = dateOf((endsAt ?? anchor + 30 * DAY) + 5 * DAY);
    const lapsed = last < today;
    const language = school.org.regionCode.startsWith('dk') ? 'da' : school.org.regionCode.startsWith('no') ? 'nb' : 'sv';
    const [offer]: Array<{ id: string }> = await m.query(
      `INSERT INTO offer (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, capacity, capacity_held,
                          available_from, available_until, status, created_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '{AT_PARTNER,AT_SCHOOL}', $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        partner.org.id,
        partner.org.regionCode,
        type,
        offerTitle,
        `${offerTitle}.`,
        focus,
        [language],
        quantity + 1,
        quantity,
        first,
        last,
        lapsed ? 'ARCHIVED' : 'PUBLISHED',
        partner.ownerId,
        iso(created - 10 * DAY),
      ],
    );
    const [request]: Array<{ id: string }> = await m.query(
      `INSERT INTO collaboration_request (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, quantity,
                                          quantity_matched, group_size, earliest_date, latest_date, status, created_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '{AT_PARTNER,AT_SCHOOL}', $7, $8, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        school.org.id,
        school.org.regionCode,
        type,
        requestTitle,
        `${requestTitle}.`,
        focus,
        [language],
        quantity,
        groupSize,
        first,
        last,
        lapsed ? 'CLOSED' : 'MATCHED',
        school.ownerId,
        iso(created),
      ],
    );
    const proposed = created + 2 * DAY;
    const accepted = proposed + (1 + (seq % 9)) * DAY;
    const approved = accepted + DAY;
    const [match]: Array<{ id: string }> = await m.query(
      `INSERT INTO collaboration_match (request_id, offer_id, school_id, partner_id, region_code, quantity, score, status, origin, school_accepted, partner_accepted,
                                        starts_at, ends_at, sequence, proposed_by_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'SCHOOL', true, true, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        request.id,
        offer.id,
        school.org.id,
        partner.org.id,
        school.org.regionCode,
        quantity,
        60 + ((seq * 7) % 35),
        status,
        startsAt === null ? null : iso(startsAt),
        endsAt === null ? null : iso(endsAt),
        startsAt === null ? 0 : 1,
        school.ownerId,
        iso(proposed),
        iso(endsAt ?? approved),
      ],
    );
    const events: Array<[number, string | null, string | null, string, string | null]> = [
      [proposed, school.ownerId, null, 'PROPOSED', null],
      [accepted, partner.ownerId, 'PROPOSED', 'AWAITING_APPROVAL', null],
      [approved, null, 'AWAITING_APPROVAL', 'APPROVED', 'Approved by the region.'],
    ];
    if (startsAt !== null) events.push([approved + DAY, partner.ownerId, 'APPROVED', 'SCHEDULED', null]);
    if (status === 'COMPLETED') events.push([endsAt!, null, 'SCHEDULED', 'COMPLETED', 'Ended.']);
    for (const [at, actor, from, to, comment] of events) {
      await m.query(`INSERT INTO match_event (match_id, at, actor_id, from_status, to_status, comment) VALUES ($1, $2, $3, $4, $5, $6)`, [
        match.id,
        iso(at),
        actor,
        from,
        to,
        comment,
      ]);
    }
    return match.id;
  };

  let seq = 0;
  for (const [s, p, type, offerTitle, requestTitle, focus, quantity, groupSize, daysAgo, counts, [schoolRating, partnerRating], comment] of PAST) {
    seq++;
    const school = of(s);
    if (taken.has(`${school.org.id}|${requestTitle}`)) continue;
    const endsAt = noon - daysAgo * DAY + DAY / 24;
    const startsAt = type === A.WORKPLACE_PLACEMENT ? endsAt - 14 * DAY - 6 * 3600_000 : endsAt - 3 * 3600_000;
    const matchId = await collaboration(school, of(p), type, offerTitle, requestTitle, focus, quantity, groupSize, startsAt, endsAt, 'COMPLETED', seq);
    if (schoolRating !== null) {
      await m.query(
        `INSERT INTO feedback (match_id, side, partner_id, submitted_by_id, rating, comment, participants_female, participants_male, participants_non_binary,
                               participants_unknown, would_repeat, submitted_at)
         VALUES ($1, 'SCHOOL', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [matchId, of(p).org.id, school.ownerId, schoolRating, comment ?? null, ...(counts ?? [null, null, null, null]), schoolRating >= 4, iso(endsAt + 2 * DAY)],
      );
    }
    if (partnerRating !== null) {
      await m.query(
        `INSERT INTO feedback (match_id, side, partner_id, submitted_by_id, rating, would_repeat, submitted_at) VALUES ($1, 'PARTNER', $2, $3, $4, true, $5)`,
        [matchId, of(p).org.id, of(p).ownerId, partnerRating, iso(endsAt + 3 * DAY)],
      );
    }
  }
  for (const [s, p, type, offerTitle, requestTitle, focus, quantity, groupSize, inDays] of COMING) {
    seq++;
    const school = of(s);
    if (taken.has(`${school.org.id}|${requestTitle}`)) continue;
    const startsAt = inDays === null ? null : noon + inDays * DAY - 3 * 3600_000;
    await collaboration(
      school,
      of(p),
      type,
      offerTitle,
      requestTitle,
      focus,
      quantity,
      groupSize,
      startsAt,
      startsAt === null ? null : startsAt + 3 * 3600_000,
      startsAt === null ? 'APPROVED' : 'SCHEDULED',
      seq,
    );
  }
}
