import { TestingModule, Test } from '@nestjs/testing';
import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { CollaborationModule, LapsingService, Match, MatchOrigin, MatchStatus } from '@brobygge/collaboration';
import { APP_CONFIG, ConfigModule } from '@brobygge/config';
import { ClockModule } from '@brobygge/core';
import { DatabaseModule } from '@brobygge/database';
import { OrganizationKind } from '@brobygge/identity';
import { OutboxMessage } from '@brobygge/notifications';
import { createOrganization, createUser, TestUser } from '../support/factories';
import { inDays } from '../support/queries';
import { eventually, startStack, TestStack } from '../support/stack';

interface Sides {
  teacher: TestUser;
  partner: TestUser;
  school: string;
  company: string;
}

async function sides(stack: TestStack): Promise<Sides> {
  const teacher = await createUser(stack, { locale: 'sv' });
  const partner = await createUser(stack, { locale: 'en' });
  const school = (await createOrganization(stack, { name: 'Rosengårdsskolan', verified: true, owner: teacher.user })).id;
  const company = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemi AB', verified: true, owner: partner.user })).id;
  return { teacher, partner, school, company };
}

function factory(stack: TestStack, s: Sides) {
  const ds = stack.dataSource;
  return {
    offer: (title: string, until: number, status = OfferStatus.PUBLISHED) =>
      ds.getRepository(Offer).save(
        ds.getRepository(Offer).create({
          organizationId: s.company,
          regionCode: 'se-malmo',
          activityType: 'GUEST_LECTURE' as never,
          title,
          description: 'x',
          focusAreas: ['chemistry'],
          deliveryModes: ['REMOTE' as never],
          languages: ['sv'],
          capacity: 5,
          availableFrom: inDays(-60),
          availableUntil: inDays(until),
          status,
        }),
      ),
    request: (title: string, latest: number, status = RequestStatus.OPEN) =>
      ds.getRepository(CollaborationRequest).save(
        ds.getRepository(CollaborationRequest).create({
          organizationId: s.school,
          regionCode: 'se-malmo',
          activityType: 'GUEST_LECTURE' as never,
          title,
          description: 'x',
          focusAreas: ['chemistry'],
          deliveryModes: ['REMOTE' as never],
          languages: ['sv'],
          quantity: 2,
          earliestDate: inDays(-60),
          latestDate: inDays(latest),
          status,
        }),
      ),
    match: (r: CollaborationRequest, o: Offer, status = MatchStatus.PROPOSED) =>
      ds.getRepository(Match).save(
        ds.getRepository(Match).create({
          requestId: r.id,
          offerId: o.id,
          schoolId: s.school,
          partnerId: s.company,
          regionCode: 'se-malmo',
          quantity: 1,
          status,
          origin: MatchOrigin.SCHOOL,
          schoolAccepted: true,
          partnerAccepted: status !== MatchStatus.PROPOSED,
        }),
      ),
  };
}

const statusOf = async (stack: TestStack, table: 'offer' | 'collaboration_request' | 'collaboration_match', id: string) =>
  ((await stack.dataSource.query(`SELECT status FROM ${table} WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;

describe('lapsing: requests past their last date close, offers past theirs are archived', () => {
  describe('by the worker', () => {
    let stack: TestStack;
    beforeAll(async () => {
      stack = await startStack({ api: true, worker: true, smtp: true, env: { LAPSE_SWEEP_SECONDS: '1' } });
    });
    afterAll(() => stack.close());

    it('closes, archives and cancels what lapsed — nothing else — and tells the owners once, in their language', async () => {
      const s = await sides(stack);
      const f = factory(stack, s);
      const open = await f.offer('Kemi i vardagen', 30);
      const wanted = await f.request('Kemi för åk 9', 30);
      const lapsedRequest = await f.request('Gästföreläsning i kemi', -1);
      const proposalOnRequest = await f.match(lapsedRequest, open);
      // Another offer: one open match per request and offer (issue 13).
      const agreedOnRequest = await f.match(lapsedRequest, await f.offer('Kemi i labbet', 30), MatchStatus.APPROVED);
      const lastDay = await f.request('Sista dagen idag', 0);
      const cancelledRequest = await f.request('Inställd', -1, RequestStatus.CANCELLED);
      const lapsedOffer = await f.offer('Labbdag', -1);
      const proposalOnOffer = await f.match(wanted, lapsedOffer);
      const pausedOffer = await f.offer('Pausad labbdag', -2, OfferStatus.PAUSED);
      const draftOffer = await f.offer('Utkast', -1, OfferStatus.DRAFT);
      const offerLastDay = await f.offer('Sista dagen', 0);

      await eventually(
        async () =>
          (await statusOf(stack, 'collaboration_match', proposalOnOffer.id)) === 'CANCELLED' &&
          (await statusOf(stack, 'collaboration_match', proposalOnRequest.id)) === 'CANCELLED',
      );
      expect(await statusOf(stack, 'collaboration_request', lapsedRequest.id)).toBe('CLOSED');
      expect(await statusOf(stack, 'offer', lapsedOffer.id)).toBe('ARCHIVED');
      expect(await statusOf(stack, 'offer', pausedOffer.id)).toBe('ARCHIVED');
      // Still open on their last day; a cancelled request and a draft keep their status; an agreed match stays.
      expect(await statusOf(stack, 'collaboration_request', lastDay.id)).toBe('OPEN');
      expect(await statusOf(stack, 'collaboration_request', wanted.id)).toBe('OPEN');
      expect(await statusOf(stack, 'collaboration_request', cancelledRequest.id)).toBe('CANCELLED');
      expect(await statusOf(stack, 'offer', draftOffer.id)).toBe('DRAFT');
      expect(await statusOf(stack, 'offer', offerLastDay.id)).toBe('PUBLISHED');
      expect(await statusOf(stack, 'collaboration_match', agreedOnRequest.id)).toBe('APPROVED');

      const events: Array<{ actor_id: string | null; from_status: string; to_status: string; comment: string }> = await stack.dataSource.query(
        `SELECT actor_id, from_status, to_status, comment FROM match_event WHERE match_id = $1`,
        [proposalOnRequest.id],
      );
      expect(events).toEqual([{ actor_id: null, from_status: 'PROPOSED', to_status: 'CANCELLED', comment: 'lapsed' }]);

      // Who hears what: the owners about their items; the other side about its cancelled proposal.
      const rows = await stack.dataSource.getRepository(OutboxMessage).find();
      const heard = (type: string, key: string, id: string) => rows.filter((o) => o.type === type && o.payload[key] === id).map((o) => o.recipientUserId);
      expect(heard('request_lapsed', 'itemId', lapsedRequest.id)).toEqual([s.teacher.user.id]);
      expect(heard('offer_lapsed', 'itemId', lapsedOffer.id)).toEqual([s.partner.user.id]);
      expect(heard('offer_lapsed', 'itemId', pausedOffer.id)).toEqual([s.partner.user.id]);
      expect(heard('match_cancelled', 'matchId', proposalOnRequest.id)).toEqual([s.partner.user.id]);
      expect(heard('match_cancelled', 'matchId', proposalOnOffer.id)).toEqual([s.teacher.user.id]);
      expect(rows.filter((o) => ['request_lapsed', 'offer_lapsed'].includes(o.type))).toHaveLength(3);

      const mails = await eventually(async () => {
        const got = stack.smtp!.messages.filter((x) => ['request_lapsed', 'offer_lapsed', 'match_cancelled'].includes(String(x.headers.get('x-brobygge-type'))));
        return got.length >= 5 ? got : undefined;
      });
      const subjects = mails.map((x) => x.subject).sort();
      expect(subjects).toEqual(
        [
          'Cancelled: Kemi i vardagen — Rosengårdsskolan',
          'Inställt: Labbdag — Rosengårdsskolan',
          'Offer archived: Labbdag',
          'Offer archived: Pausad labbdag',
          'Förfrågan har stängt: Gästföreläsning i kemi',
        ].sort(),
      );
      const toTeacher = mails.find((x) => x.subject === 'Förfrågan har stängt: Gästföreläsning i kemi')!;
      expect(toTeacher.text).toContain(`https://brobygge.test/requests/${lapsedRequest.id}`);
      const cancelledForTeacher = mails.find((x) => x.subject === 'Inställt: Labbdag — Rosengårdsskolan')!;
      expect(cancelledForTeacher.text).toContain('Motivering: förfrågans eller erbjudandets sista dag har passerat');

      // Later sweeps find nothing more to do: nobody hears twice.
      await new Promise((r) => setTimeout(r, 2500));
      const again = await stack.dataSource.getRepository(OutboxMessage).find();
      expect(again.filter((o) => ['request_lapsed', 'offer_lapsed'].includes(o.type))).toHaveLength(3);
      expect(again.filter((o) => o.type === 'match_cancelled')).toHaveLength(2);
    });
  });

  describe('by several workers at once', () => {
    let stack: TestStack;
    const contexts: TestingModule[] = [];
    beforeAll(async () => {
      stack = await startStack({ api: true });
      for (let i = 0; i < 3; i++) {
        contexts.push(
          await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule, ClockModule, CollaborationModule] })
            .overrideProvider(APP_CONFIG)
            .useValue(stack.config)
            .compile(),
        );
      }
    });
    afterAll(async () => {
      for (const c of contexts) await c.close();
      await stack.close();
    });

    it('closes each item once and tells each owner once, however many run the sweep together', async () => {
      const s = await sides(stack);
      const f = factory(stack, s);
      const open = await f.offer('Öppet erbjudande', 30);
      const requests: CollaborationRequest[] = [];
      const proposals: Match[] = [];
      for (let i = 0; i < 150; i++) {
        const r = await f.request(`Förfrågan ${i}`, -1 - (i % 5));
        requests.push(r);
        proposals.push(await f.match(r, open));
      }
      for (let i = 0; i < 120; i++) await f.offer(`Erbjudande ${i}`, -1 - (i % 3));

      // Small batches, so that the workers really interleave.
      const results = await Promise.all(contexts.map((c) => c.get(LapsingService).lapseDue(20)));
      expect(results.reduce((n, r) => n + r.requests, 0)).toBe(150);
      expect(results.reduce((n, r) => n + r.offers, 0)).toBe(120);
      expect(results.reduce((n, r) => n + r.proposals, 0)).toBe(150);

      const [{ closed }] = await stack.dataSource.query(`SELECT count(*)::int AS closed FROM collaboration_request WHERE status = 'CLOSED'`);
      expect(closed).toBe(150);
      const told: Array<{ type: string; n: number; distinct: number }> = await stack.dataSource.query(
        `SELECT type, count(*)::int AS n, count(DISTINCT payload->>'itemId')::int AS distinct FROM outbox_message WHERE type IN ('request_lapsed', 'offer_lapsed') GROUP BY type ORDER BY type`,
      );
      expect(told).toEqual([
        { type: 'offer_lapsed', n: 120, distinct: 120 },
        { type: 'request_lapsed', n: 150, distinct: 150 },
      ]);
      const [{ events }] = await stack.dataSource.query(`SELECT count(*)::int AS events FROM match_event WHERE to_status = 'CANCELLED' AND comment = 'lapsed'`);
      expect(events).toBe(150);
      const [{ cancelledNotices }] = await stack.dataSource.query(`SELECT count(*)::int AS "cancelledNotices" FROM outbox_message WHERE type = 'match_cancelled'`);
      expect(cancelledNotices).toBe(150);
    });
  });
});
