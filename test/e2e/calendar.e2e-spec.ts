import ICAL from 'ical.js';
import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Match, MatchOrigin, MatchStatus } from '@brobygge/collaboration';
import { OrganizationKind } from '@brobygge/identity';
import { createOrganization, createUser, PASSWORD, TestUser } from '../support/factories';
import { inDays } from '../support/queries';
import { startStack, TestStack } from '../support/stack';

const CALENDAR_URL = 'query { me { id calendarUrl } }';
const ROTATE = 'mutation { rotateCalendarUrl }';
const at = (days: number, hour: number) => new Date(`${inDays(days)}T${String(hour).padStart(2, '0')}:00:00.000Z`);

interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  start: ICAL.Time;
  end: ICAL.Time;
  stamp: ICAL.Time;
  location: string | null;
}

describe('the calendar feed', () => {
  let stack: TestStack;
  let teacher: TestUser;
  let partner: TestUser;
  let otherTeacher: TestUser;
  let school: string;
  let company: string;
  let otherSchool: string;

  beforeAll(async () => {
    stack = await startStack({ api: true });
    teacher = await createUser(stack, { locale: 'sv' });
    partner = await createUser(stack, { locale: 'en' });
    otherTeacher = await createUser(stack);
    school = (await createOrganization(stack, { name: 'Rosengårdsskolan', owner: teacher.user, municipality: 'Malmö' })).id;
    company = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemi AB', verified: true, owner: partner.user, municipality: 'Lund' })).id;
    otherSchool = (await createOrganization(stack, { name: 'Annan skola', owner: otherTeacher.user })).id;
  });
  afterAll(() => stack.close());

  async function matchIn(status: MatchStatus, o: { title?: string; startsAt?: Date; endsAt?: Date; schoolId?: string; history?: MatchStatus[] } = {}): Promise<Match> {
    const ds = stack.dataSource;
    const offer = await ds.getRepository(Offer).save(
      ds.getRepository(Offer).create({
        organizationId: company,
        regionCode: 'se-malmo',
        activityType: 'STUDY_VISIT' as never,
        title: o.title ?? 'Labbesök',
        description: 'x',
        focusAreas: ['chemistry'],
        deliveryModes: ['AT_PARTNER' as never],
        languages: ['sv'],
        capacity: 5,
        availableFrom: inDays(5),
        availableUntil: inDays(40),
        status: OfferStatus.PUBLISHED,
        capacityHeld: 1,
      }),
    );
    const request = await ds.getRepository(CollaborationRequest).save(
      ds.getRepository(CollaborationRequest).create({
        organizationId: o.schoolId ?? school,
        regionCode: 'se-malmo',
        activityType: 'STUDY_VISIT' as never,
        title: 'Studiebesök för NA1',
        description: 'x',
        focusAreas: ['chemistry'],
        deliveryModes: ['AT_PARTNER' as never],
        languages: ['sv'],
        quantity: 1,
        quantityMatched: 1,
        earliestDate: inDays(10),
        latestDate: inDays(60),
        status: RequestStatus.MATCHED,
      }),
    );
    const m = await ds.getRepository(Match).save(
      ds.getRepository(Match).create({
        requestId: request.id,
        offerId: offer.id,
        schoolId: o.schoolId ?? school,
        partnerId: company,
        regionCode: 'se-malmo',
        quantity: 1,
        status,
        origin: MatchOrigin.SCHOOL,
        schoolAccepted: true,
        partnerAccepted: true,
        startsAt: o.startsAt ?? null,
        endsAt: o.endsAt ?? null,
      }),
    );
    for (const to of o.history ?? [MatchStatus.PROPOSED, MatchStatus.AWAITING_APPROVAL, MatchStatus.APPROVED]) {
      await ds.query(`INSERT INTO match_event (match_id, to_status) VALUES ($1, $2)`, [m.id, to]);
    }
    return m;
  }

  async function urlOf(who: TestUser): Promise<string> {
    const res = await stack.gql(CALENDAR_URL, {}, { token: who.token });
    expect(res.errors).toBeUndefined();
    return res.data!.me.calendarUrl;
  }
  /** Fetches the feed like a calendar app (no Authorization header) and parses it with ical.js. */
  async function fetchFeed(url: string): Promise<{ status: number; text: string; events: Map<string, ParsedEvent>; type: string | null }> {
    const res = await fetch(url.replace('https://brobygge.test', stack.url));
    const text = await res.text();
    if (res.status !== 200) return { status: res.status, text, events: new Map(), type: res.headers.get('content-type') };
    const vcalendar = new ICAL.Component(ICAL.parse(text));
    const events = new Map<string, ParsedEvent>();
    for (const v of vcalendar.getAllSubcomponents('vevent')) {
      const e = new ICAL.Event(v);
      events.set(e.uid, {
        uid: e.uid,
        sequence: e.sequence,
        summary: e.summary,
        description: e.description,
        start: e.startDate,
        end: e.endDate,
        status: String(v.getFirstPropertyValue('status')),
        stamp: v.getFirstPropertyValue('dtstamp') as ICAL.Time,
        location: e.location ?? null,
      });
    }
    return { status: res.status, text, events, type: res.headers.get('content-type') };
  }

  it("lists the agreed activities of the user's organisations as valid iCalendar, in UTC, with stable UIDs", async () => {
    const approved = await matchIn(MatchStatus.APPROVED, { title: 'Labbesök, kemi; åk 1 — med ett långt namn som måste vikas över flera rader enligt RFC 5545' });
    const scheduled = await matchIn(MatchStatus.SCHEDULED, {
      startsAt: at(12, 8),
      endsAt: at(12, 12),
      history: [MatchStatus.PROPOSED, MatchStatus.APPROVED, MatchStatus.SCHEDULED],
    });
    const completed = await matchIn(MatchStatus.COMPLETED, { startsAt: at(-20, 8), endsAt: at(-20, 12) });
    const cancelledAfterScheduling = await matchIn(MatchStatus.CANCELLED, {
      startsAt: at(15, 8),
      endsAt: at(15, 12),
      history: [MatchStatus.PROPOSED, MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.CANCELLED],
    });
    const cancelledLongAgo = await matchIn(MatchStatus.CANCELLED, {
      startsAt: at(-3, 8),
      endsAt: at(-3, 12),
      history: [MatchStatus.PROPOSED, MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.CANCELLED],
    });
    const neverAgreed = await matchIn(MatchStatus.CANCELLED, { history: [MatchStatus.PROPOSED, MatchStatus.CANCELLED] });
    const proposed = await matchIn(MatchStatus.PROPOSED, { history: [MatchStatus.PROPOSED] });
    const awaiting = await matchIn(MatchStatus.AWAITING_APPROVAL, { history: [MatchStatus.PROPOSED, MatchStatus.AWAITING_APPROVAL] });
    const someoneElses = await matchIn(MatchStatus.SCHEDULED, { schoolId: otherSchool, startsAt: at(12, 8), endsAt: at(12, 12) });
    await stack.dataSource.query(`UPDATE collaboration_match SET sequence = 3 WHERE id = $1`, [cancelledAfterScheduling.id]);

    const url = await urlOf(teacher);
    expect(url).toMatch(/^https:\/\/brobygge\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(await urlOf(teacher)).toBe(url); // stable until rotated
    const feed = await fetchFeed(url);
    expect(feed.status).toBe(200);
    expect(feed.type).toBe('text/calendar; charset=utf-8');
    expect(feed.text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    for (const line of feed.text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75); // folded

    const uid = (m: Match) => `${m.id}@brobygge`;
    expect([...feed.events.keys()].sort()).toEqual([approved, scheduled, completed, cancelledAfterScheduling].map(uid).sort());
    for (const m of [cancelledLongAgo, neverAgreed, proposed, awaiting, someoneElses]) expect(feed.events.has(uid(m))).toBe(false);

    const s = feed.events.get(uid(scheduled))!;
    expect(s).toMatchObject({ status: 'CONFIRMED', sequence: 0, summary: 'Labbesök — Rosengårdsskolan', location: 'Kemi AB, Lund' });
    expect(s.start.zone.tzid).toBe('UTC');
    expect(s.start.toJSDate().toISOString()).toBe(at(12, 8).toISOString());
    expect(s.end.toJSDate().toISOString()).toBe(at(12, 12).toISOString());
    expect(s.stamp.zone.tzid).toBe('UTC');
    expect(s.description).toContain('Förfrågan: Studiebesök för NA1'); // the teacher's language
    expect(s.description).toContain(`https://brobygge.test/matches/${scheduled.id}`);

    // Not yet scheduled: all-day over the days it may take place (the offer's and request's dates), tentative.
    const a = feed.events.get(uid(approved))!;
    expect(a).toMatchObject({
      status: 'TENTATIVE',
      summary: 'Att boka: Labbesök, kemi; åk 1 — med ett långt namn som måste vikas över flera rader enligt RFC 5545 — Rosengårdsskolan',
    });
    expect(a.start.isDate).toBe(true);
    expect(a.start.toString()).toBe(inDays(10));
    expect(a.end.toString()).toBe(inDays(41)); // the day after the offer's last day
    expect(feed.text).toContain('Labbesök\\, kemi\\; åk 1'); // escaped in the file

    expect(feed.events.get(uid(cancelledAfterScheduling))).toMatchObject({ status: 'CANCELLED', sequence: 3 });
    expect(feed.events.get(uid(completed))).toMatchObject({ status: 'CONFIRMED' });

    // The partner's feed has the same events under the same UIDs.
    const theirs = await fetchFeed(await urlOf(partner));
    expect(theirs.events.has(uid(scheduled))).toBe(true);
    expect(theirs.events.has(uid(someoneElses))).toBe(true);
  });

  it('follows the workflow: rescheduling and cancelling raise SEQUENCE on the same UID', async () => {
    const m = await matchIn(MatchStatus.APPROVED);
    const url = await urlOf(partner);
    const before = (await fetchFeed(url)).events.get(`${m.id}@brobygge`)!;
    const schedule = 'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { scheduleMatch(id: $id, startsAt: $s, endsAt: $e) { status } }';
    expect((await stack.gql(schedule, { id: m.id, s: at(20, 9).toISOString(), e: at(20, 11).toISOString() }, { token: teacher.token })).errors).toBeUndefined();
    const booked = (await fetchFeed(url)).events.get(`${m.id}@brobygge`)!;
    expect(booked).toMatchObject({ status: 'CONFIRMED', sequence: before.sequence + 1 });
    expect(booked.start.toJSDate().toISOString()).toBe(at(20, 9).toISOString());
    expect(booked.stamp.toJSDate().getTime()).toBeGreaterThanOrEqual(before.stamp.toJSDate().getTime());
    expect((await stack.gql(schedule, { id: m.id, s: at(21, 9).toISOString(), e: at(21, 11).toISOString() }, { token: partner.token })).errors).toBeUndefined();
    const moved = (await fetchFeed(url)).events.get(`${m.id}@brobygge`)!;
    expect(moved.sequence).toBe(before.sequence + 2);
    expect(moved.start.toJSDate().toISOString()).toBe(at(21, 9).toISOString());
    const cancel = 'mutation($id: ID!) { cancelMatch(id: $id, reason: "Sjuk") { status } }';
    expect((await stack.gql(cancel, { id: m.id }, { token: teacher.token })).errors).toBeUndefined();
    const gone = (await fetchFeed(url)).events.get(`${m.id}@brobygge`)!;
    expect(gone).toMatchObject({ status: 'CANCELLED', sequence: before.sequence + 3 });
  });

  it('shows the address to its owner only, and kills the old one on rotation', async () => {
    const url = await urlOf(otherTeacher);
    const rotated = await stack.gql(ROTATE, {}, { token: otherTeacher.token });
    const fresh = rotated.data!.rotateCalendarUrl as string;
    expect(fresh).not.toBe(url);
    expect(await urlOf(otherTeacher)).toBe(fresh);
    expect((await fetchFeed(url)).status).toBe(404);
    expect((await fetchFeed(fresh)).status).toBe(200);
    expect((await stack.gql(ROTATE, {})).errors![0].extensions!.code).toBe('UNAUTHENTICATED');

    // Another person's address is not theirs to see (a user reached through a match's history).
    const m = await matchIn(MatchStatus.APPROVED);
    await stack.dataSource.query(`UPDATE match_event SET actor_id = $2 WHERE match_id = $1`, [m.id, teacher.user.id]);
    const peek = await stack.gql('query($id: ID!) { match(id: $id) { history { actor { id calendarUrl } } } }', { id: m.id }, { token: partner.token });
    expect(peek.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'Only the user sees their calendar address.' });

    for (const bad of ['nonsense', 'x'.repeat(43), `${'x'.repeat(43)}.ics`, '../../etc/passwd.ics']) {
      const res = await fetch(`${stack.url}/calendar/${bad}`);
      expect([bad, res.status]).toEqual([bad, 404]);
    }
  });

  it('stops when the account is erased, and exports only the dates of the feed (GDPR)', async () => {
    const leaver = await createUser(stack);
    const url = await urlOf(leaver);
    const exported = JSON.parse((await stack.gql('mutation { exportMyData }', {}, { token: leaver.token })).data!.exportMyData);
    expect(exported.calendarFeed).toEqual({ createdAt: expect.any(String), rotatedAt: null });
    expect(JSON.stringify(exported)).not.toContain(url.split('/').pop()!.replace('.ics', ''));
    expect((await stack.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, { token: leaver.token })).data!.deleteMyAccount).toBe(true);
    expect((await fetchFeed(url)).status).toBe(404);
  });
});
