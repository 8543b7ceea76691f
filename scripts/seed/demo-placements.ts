/**
 * The demo's workplace placement (issue 16, docs/demo.md): Borgarskolan's electrical
 * programme sends two pupils of 17 to Malmö Energi & Miljö AB for four weeks. The match is
 * APPROVED (not yet scheduled), with its supervisor and the risk assessment of the current
 * checklist, so that `match { placement { agreementUrl } }` and the agreement PDF work on a
 * fresh start. Written straight in SQL in the seed's transaction like the past year
 * (demo-history.ts); idempotent: once the offer exists, nothing is added.
 */
import type { EntityManager } from 'typeorm';
import { RISK_CHECKLIST_VERSION, RISK_QUESTIONS } from '@brobygge/collaboration';
import type { DemoOrgRef } from './demo-history';

const DAY = 86_400_000;
export const DEMO_PLACEMENT_OFFER = 'APL på elnätsavdelningen (godkänd)';

/** The answers: "no" unless noted here (the notes say how the risk is handled). */
const YES: Record<string, string> = {
  machines: 'Eleverna använder handverktyg och följer med i servicebilen; de kör inte själva.',
  environment: 'Arbete utomhus i alla väder; ingen klättring i stolpar eller arbete på höjd.',
  protective_equipment: 'Skyddsskor, hjälm, varselkläder och skyddsglasögon lånas ut första dagen.',
  forbidden_tasks: 'Inget arbete på eller nära spänningsförande delar; inga kopplingar i nätstationer.',
  supervision: '',
  introduction: '',
  guardians_informed: '',
};

export async function seedPlacement(m: EntityManager, orgs: Map<string, DemoOrgRef>, now: Date): Promise<string | null> {
  const school = orgs.get('borgar');
  const partner = orgs.get('malmo-energi');
  if (!school || !partner) return null;
  const [done] = await m.query(`SELECT id FROM offer WHERE organization_id = $1 AND title = $2`, [partner.org.id, DEMO_PLACEMENT_OFFER]);
  if (done) return null;
  const day = (offset: number) => new Date(now.getTime() + offset * DAY);
  const date = (offset: number) => day(offset).toISOString().slice(0, 10);
  const [offer]: Array<{ id: string }> = await m.query(
    `INSERT INTO offer (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, capacity, capacity_held,
                        available_from, available_until, status, created_by_id, created_at)
     VALUES ($1, $2, 'WORKPLACE_PLACEMENT', $3, $4, '{electricity-energy,engineering}', '{AT_PARTNER}', '{sv}', 4, 2, $5, $6, 'PUBLISHED', $7, $8) RETURNING id`,
    [
      partner.org.id,
      partner.org.regionCode,
      DEMO_PLACEMENT_OFFER,
      'Fyra veckor med våra elnätstekniker: felsökning, service och mätning i fält, alltid med handledare.',
      date(14),
      date(120),
      partner.ownerId,
      day(-20),
    ],
  );
  const [request]: Array<{ id: string }> = await m.query(
    `INSERT INTO collaboration_request (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, quantity,
                                        quantity_matched, student_age, earliest_date, latest_date, status, created_by_id, created_at)
     VALUES ($1, $2, 'WORKPLACE_PLACEMENT', 'APL för EE2, elteknik', 'Två elever i årskurs 2 på el- och energiprogrammet.', '{electricity-energy}',
             '{AT_PARTNER}', '{sv}', 2, 2, 17, $3, $4, 'MATCHED', $5, $6) RETURNING id`,
    [school.org.id, school.org.regionCode, date(21), date(90), school.ownerId, day(-18)],
  );
  const [match]: Array<{ id: string }> = await m.query(
    `INSERT INTO collaboration_match (request_id, offer_id, school_id, partner_id, region_code, quantity, score, status, origin, school_accepted, partner_accepted,
                                      proposed_by_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 2, 82, 'APPROVED', 'SCHOOL', true, true, $6, $7, $8) RETURNING id`,
    [request.id, offer.id, school.org.id, partner.org.id, school.org.regionCode, school.ownerId, day(-15), day(-2)],
  );
  const events: Array<[number, string | null, string | null, string, string | null]> = [
    [-15, school.ownerId, null, 'PROPOSED', 'Passar fyra veckor i vår för två elever?'],
    [-12, partner.ownerId, 'PROPOSED', 'AWAITING_APPROVAL', null],
    [-2, null, 'AWAITING_APPROVAL', 'APPROVED', 'Handledare och riskbedömning klara. Godkänd.'],
  ];
  for (const [offset, actor, from, to, comment] of events) {
    await m.query(`INSERT INTO match_event (match_id, at, actor_id, from_status, to_status, comment) VALUES ($1, $2, $3, $4, $5, $6)`, [
      match.id,
      day(offset),
      actor,
      from,
      to,
      comment,
    ]);
  }
  const answers = RISK_QUESTIONS.map((q) => ({ key: q.key, answer: q.key in YES, note: YES[q.key] || null }));
  await m.query(`INSERT INTO placement (match_id, supervisor, risk_assessment, submitted_at, submitted_by_id, updated_at) VALUES ($1, $2, $3, $4, $5, $4)`, [
    match.id,
    { name: 'Jonas Åkesson', email: 'jonas.akesson@malmo-energi.example', phone: '+46 40 600 12 34' },
    {
      version: RISK_CHECKLIST_VERSION,
      answers,
      summary: 'Låg risk med handledare på plats hela tiden. Eleverna är 17 år: inget arbete på spänningsförande delar, arbetstid 7.30–16.00.',
    },
    day(-4),
    partner.ownerId,
  ]);
  return match.id;
}
