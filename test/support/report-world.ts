/**
 * A small, fully known world for the impact report: schools in several districts of
 * se-malmo (and one in no-troms that must never count), two partners, requests created on
 * both sides of the period's edges, and matches in every state that matters, with
 * feedback. test/e2e/impact-report.e2e-spec.ts states what the report must say about it;
 * the numbers there follow from the comments here.
 *
 * The period is the first half of 2026: [2026-01-01, 2026-06-30] (UTC days).
 */
import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Match, MatchOrigin, MatchStatus } from '@brobygge/collaboration';
import { Organization, OrganizationKind } from '@brobygge/identity';
import { createOrganization } from './factories';
import type { TestStack } from './stack';

export const PERIOD = { from: '2026-01-01', to: '2026-06-30' };

export interface ReportWorld {
  schools: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'T', Organization>;
  partners: Record<'P1' | 'P2' | 'PT', Organization>;
}

const t = (iso: string) => new Date(iso);

export async function buildReportWorld(stack: TestStack): Promise<ReportWorld> {
  const ds = stack.dataSource;
  const school = (name: string, district: string | null, regionCode = 'se-malmo') =>
    createOrganization(stack, { name, district, regionCode, kind: OrganizationKind.SCHOOL, verified: true });
  const partner = (name: string, regionCode = 'se-malmo') => createOrganization(stack, { name, regionCode, kind: OrganizationKind.COMPANY, verified: true });
  const schools = {
    A: await school('Augustenborgsskolan', 'Rosengård'),
    B: await school('Bulltoftaskolan', 'Fosie'),
    C: await school('Citadellskolan', null),
    D: await school('Dalaskolan', 'Hyllie'),
    E: await school('Ekbackeskolan', 'Fosie'),
    F: await school('Fridhemsskolan', 'Limhamn'),
    G: await school('Gullviksskolan', 'Rosengård'),
    H: await school('Holmaskolan', 'Hyllie'),
    T: await school('Tromsdalen skole', 'Tromsdalen', 'no-troms'),
  };
  const partners = { P1: await partner('Kemi AB'), P2: await partner('Energi AB'), PT: await partner('Havbruk AS', 'no-troms') };
  const offers = new Map<string, Offer>();
  for (const [key, org] of Object.entries(partners)) {
    offers.set(
      key,
      await ds.getRepository(Offer).save(
        ds.getRepository(Offer).create({
          organizationId: org.id,
          regionCode: org.regionCode,
          activityType: 'GUEST_LECTURE' as never,
          title: `Erbjudande ${key}`,
          description: 'x',
          focusAreas: ['chemistry'],
          deliveryModes: ['REMOTE' as never],
          languages: ['sv'],
          capacity: 100,
          availableFrom: '2025-01-01',
          availableUntil: '2027-12-31',
          status: OfferStatus.PUBLISHED,
        }),
      ),
    );
  }

  const request = async (
    org: Organization,
    o: {
      type: string;
      focus: string[];
      quantity: number;
      matched: number;
      created: string;
      groupSize?: number;
      earliest?: string;
      latest?: string;
      status?: RequestStatus;
    },
  ) => {
    const saved = await ds.getRepository(CollaborationRequest).save(
      ds.getRepository(CollaborationRequest).create({
        organizationId: org.id,
        regionCode: org.regionCode,
        activityType: o.type as never,
        title: `Förfrågan ${o.created}`,
        description: 'x',
        focusAreas: o.focus,
        deliveryModes: ['REMOTE' as never],
        languages: ['sv'],
        quantity: o.quantity,
        quantityMatched: o.matched,
        groupSize: o.groupSize ?? null,
        earliestDate: o.earliest ?? '2025-06-01',
        latestDate: o.latest ?? '2026-12-31',
        status: o.status ?? (o.matched === 0 ? RequestStatus.OPEN : o.matched < o.quantity ? RequestStatus.PARTIALLY_MATCHED : RequestStatus.MATCHED),
      }),
    );
    await ds.query(`UPDATE collaboration_request SET created_at = $2 WHERE id = $1`, [saved.id, t(o.created)]);
    return saved;
  };
  /** A match with a history: proposed on `proposed`, accepted into holding on `accepted`. */
  const match = async (
    r: CollaborationRequest,
    partnerKey: keyof ReportWorld['partners'],
    o: { status: MatchStatus; quantity: number; proposed: string; accepted?: string; startsAt?: string; endsAt?: string },
  ) => {
    const m = await ds.getRepository(Match).save(
      ds.getRepository(Match).create({
        requestId: r.id,
        offerId: offers.get(partnerKey)!.id,
        schoolId: r.organizationId,
        partnerId: partners[partnerKey].id,
        regionCode: r.regionCode,
        quantity: o.quantity,
        status: o.status,
        origin: MatchOrigin.SCHOOL,
        schoolAccepted: true,
        partnerAccepted: !!o.accepted,
        startsAt: o.startsAt ? t(o.startsAt) : null,
        endsAt: o.endsAt ? t(o.endsAt) : null,
      }),
    );
    await ds.query(`INSERT INTO match_event (match_id, at, from_status, to_status) VALUES ($1, $2, NULL, 'PROPOSED')`, [m.id, t(o.proposed)]);
    if (o.accepted)
      await ds.query(`INSERT INTO match_event (match_id, at, from_status, to_status) VALUES ($1, $2, 'PROPOSED', 'AWAITING_APPROVAL')`, [m.id, t(o.accepted)]);
    return m;
  };
  const feedback = (m: Match, side: 'SCHOOL' | 'PARTNER', rating: number, counts: [number, number, number, number] | null = null) =>
    ds.query(
      `INSERT INTO feedback (match_id, side, partner_id, rating, participants_female, participants_male, participants_non_binary, participants_unknown)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [m.id, side, m.partnerId, rating, ...(counts ?? [null, null, null, null])],
    );
  const { COMPLETED, SCHEDULED, APPROVED, CANCELLED } = MatchStatus;

  // m1: A–P1, completed on the period's first instant; the school counted 25 pupils. Its request is older than the period.
  const r1 = await request(schools.A, {
    type: 'GUEST_LECTURE',
    focus: ['chemistry', 'manufacturing'],
    quantity: 1,
    matched: 1,
    created: '2025-12-20T10:00:00Z',
    groupSize: 30,
  });
  const m1 = await match(r1, 'P1', {
    status: COMPLETED,
    quantity: 1,
    proposed: '2025-12-21T10:00:00Z',
    accepted: '2025-12-22T10:00:00Z',
    startsAt: '2025-12-31T22:00:00Z',
    endsAt: '2026-01-01T00:00:00Z',
  });
  await feedback(m1, 'SCHOOL', 5, [10, 12, 1, 2]);
  await feedback(m1, 'PARTNER', 4);
  // m2: B–P2, placements for 3 pupils ending on the period's last second; no feedback, no group size: 3 reached.
  // r2 was created 10 Jan 08:00 and first accepted 14 Jan 08:00 (4 days); a one-sided acceptance before does not count.
  const r2 = await request(schools.B, { type: 'WORKPLACE_PLACEMENT', focus: ['care'], quantity: 4, matched: 3, created: '2026-01-10T08:00:00Z' });
  const m2 = await match(r2, 'P2', {
    status: COMPLETED,
    quantity: 3,
    proposed: '2026-01-10T09:00:00Z',
    accepted: '2026-01-14T08:00:00Z',
    startsAt: '2026-06-01T07:00:00Z',
    endsAt: '2026-06-30T23:59:59Z',
  });
  await ds.query(
    `INSERT INTO match_event (match_id, at, from_status, to_status, comment) VALUES ($1, '2026-01-11T08:00:00Z', 'PROPOSED', 'PROPOSED', 'Accepted by the school.')`,
    [m2.id],
  );
  // m3: C (no district)–P1, a study visit of a group of 20; the school rated 3 but gave no counts: 20 reached.
  const r3 = await request(schools.C, { type: 'STUDY_VISIT', focus: ['biology', 'physics'], quantity: 1, matched: 1, created: '2026-02-01T00:00:00Z', groupSize: 20 });
  const m3 = await match(r3, 'P1', {
    status: COMPLETED,
    quantity: 1,
    proposed: '2026-02-02T00:00:00Z',
    accepted: '2026-02-11T12:00:00Z',
    startsAt: '2026-03-15T08:00:00Z',
    endsAt: '2026-03-15T12:00:00Z',
  });
  await feedback(m3, 'SCHOOL', 3);
  // m4: A–P2, ends on the first instant after the period: not counted (its request is: created 15 Jun, accepted after 5 days).
  const r4 = await request(schools.A, { type: 'GUEST_LECTURE', focus: ['process-technology'], quantity: 1, matched: 1, created: '2026-06-15T00:00:00Z' });
  const m4 = await match(r4, 'P2', {
    status: COMPLETED,
    quantity: 1,
    proposed: '2026-06-16T00:00:00Z',
    accepted: '2026-06-20T00:00:00Z',
    startsAt: '2026-06-30T22:00:00Z',
    endsAt: '2026-07-01T00:00:00Z',
  });
  await feedback(m4, 'SCHOOL', 1, [50, 50, 0, 0]);
  // m5: F–P1 completed just before the period: not counted, and F had nothing in it.
  const r5 = await request(schools.F, { type: 'GUEST_LECTURE', focus: ['chemistry'], quantity: 1, matched: 1, created: '2025-11-01T00:00:00Z' });
  await match(r5, 'P1', {
    status: COMPLETED,
    quantity: 1,
    proposed: '2025-11-02T00:00:00Z',
    accepted: '2025-11-03T00:00:00Z',
    startsAt: '2025-12-31T20:00:00Z',
    endsAt: '2025-12-31T23:59:59Z',
  });
  // m6: B–P1 scheduled in the period (not completed: no activity counted). r6: created 1 Mar, accepted after 1 day.
  const r6 = await request(schools.B, { type: 'GUEST_LECTURE', focus: ['chemistry'], quantity: 2, matched: 1, created: '2026-03-01T00:00:00Z' });
  await match(r6, 'P1', {
    status: SCHEDULED,
    quantity: 1,
    proposed: '2026-03-01T12:00:00Z',
    accepted: '2026-03-02T00:00:00Z',
    startsAt: '2026-04-10T08:00:00Z',
    endsAt: '2026-04-10T10:00:00Z',
  });
  // m7: F–P2 cancelled in the period: F still had no activity; r7 holds nothing.
  const r7 = await request(schools.F, { type: 'EVENT', focus: ['medicine-pharmacy'], quantity: 2, matched: 0, created: '2026-04-01T00:00:00Z' });
  await match(r7, 'P2', { status: CANCELLED, quantity: 2, proposed: '2026-04-02T00:00:00Z', startsAt: '2026-05-01T08:00:00Z', endsAt: '2026-05-01T10:00:00Z' });
  // m8: E–P1 approved, not yet scheduled; its request's dates (from 1 Jun) touch the period. r8 was created on the period's last millisecond and accepted 3 days later.
  const r8 = await request(schools.E, {
    type: 'PROJECT',
    focus: ['engineering'],
    quantity: 1,
    matched: 1,
    created: '2026-06-30T23:59:59.999Z',
    earliest: '2026-06-01',
    latest: '2026-09-30',
  });
  await match(r8, 'P1', { status: APPROVED, quantity: 1, proposed: '2026-07-01T00:00:00Z', accepted: '2026-07-03T23:59:59.999Z' });
  // G: approved, but its request's dates lie after the period: G is without activity.
  const rG = await request(schools.G, {
    type: 'PROJECT',
    focus: ['engineering'],
    quantity: 1,
    matched: 1,
    created: '2025-10-01T00:00:00Z',
    earliest: '2026-07-01',
    latest: '2026-08-01',
  });
  await match(rG, 'P2', { status: APPROVED, quantity: 1, proposed: '2025-10-02T00:00:00Z', accepted: '2025-10-03T00:00:00Z' });
  // H: scheduled across the period's end (starts 30 Jun 23:00): it touches the period.
  const rH = await request(schools.H, { type: 'GUEST_LECTURE', focus: ['physics'], quantity: 1, matched: 1, created: '2025-10-01T00:00:00Z' });
  await match(rH, 'P2', {
    status: SCHEDULED,
    quantity: 1,
    proposed: '2025-10-02T00:00:00Z',
    accepted: '2025-10-03T00:00:00Z',
    startsAt: '2026-06-30T23:00:00Z',
    endsAt: '2026-07-01T01:00:00Z',
  });
  // Unmet demand: D (Hyllie) asked for 5 and got nothing; D's cancelled request and A's request of 1 July do not count.
  await request(schools.D, {
    type: 'WORKPLACE_PLACEMENT',
    focus: ['electricity-energy', 'environment-climate'],
    quantity: 5,
    matched: 0,
    created: '2026-05-05T00:00:00Z',
  });
  await request(schools.D, { type: 'WORKPLACE_PLACEMENT', focus: ['care'], quantity: 10, matched: 0, created: '2026-05-06T00:00:00Z', status: RequestStatus.CANCELLED });
  await request(schools.A, { type: 'GUEST_LECTURE', focus: ['care'], quantity: 7, matched: 0, created: '2026-07-01T00:00:00Z' });
  // Another region entirely: a completed match and a request in the period, never in se-malmo's numbers.
  const rT = await request(schools.T, { type: 'STUDY_VISIT', focus: ['biology'], quantity: 3, matched: 2, created: '2026-02-01T00:00:00Z', groupSize: 15 });
  const mT = await match(rT, 'PT', {
    status: COMPLETED,
    quantity: 2,
    proposed: '2026-02-02T00:00:00Z',
    accepted: '2026-02-03T00:00:00Z',
    startsAt: '2026-03-01T08:00:00Z',
    endsAt: '2026-03-01T12:00:00Z',
  });
  await feedback(mT, 'SCHOOL', 2, [7, 6, 0, 1]);
  return { schools, partners };
}
