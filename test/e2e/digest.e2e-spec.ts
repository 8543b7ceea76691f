import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { DigestService } from '@brobygge/collaboration';
import { OrganizationKind } from '@brobygge/identity';
import { OutboxMessage, render } from '@brobygge/notifications';
import { createOrganization, createUser } from '../support/factories';
import { startStack, TestStack } from '../support/stack';
import { inDays } from '../support/queries';

describe('digests', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true });
  });
  afterAll(() => stack.close());

  it('tell a partner of new requests that fit its offers and a school of new offers that fit its requests — once per period, never empty', async () => {
    const partner = await createUser(stack, { locale: 'sv' });
    const teacher = await createUser(stack, { locale: 'en' });
    const quiet = await createUser(stack);
    const company = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemi AB', verified: true, owner: partner.user, regionCode: 'no-troms' }))
      .id;
    const school = (await createOrganization(stack, { name: 'Tromsø vgs', verified: true, owner: teacher.user, regionCode: 'no-troms' })).id;
    // A school nobody has verified: its fitting request is not e-mailed to partners.
    const unverified = (await createOrganization(stack, { name: 'Ukjent skole', verified: false, regionCode: 'no-troms' })).id;
    await createOrganization(stack, { kind: OrganizationKind.COMPANY, verified: true, owner: quiet.user, regionCode: 'no-troms' });
    const ds = stack.dataSource;
    for (const u of [partner, teacher, quiet])
      await ds.query(`UPDATE app_user SET digest = 'DAILY', last_digest_at = now() - interval '25 hours' WHERE id = $1`, [u.user.id]);

    const common = { regionCode: 'no-troms', focusAreas: ['chemistry'], deliveryModes: ['REMOTE' as never], languages: ['nb'], description: 'x' };
    const offers = ds.getRepository(Offer);
    const requests = ds.getRepository(CollaborationRequest);
    await offers.save(
      offers.create({
        ...common,
        organizationId: company,
        activityType: 'GUEST_LECTURE' as never,
        title: 'Kjemi for Vg1',
        capacity: 3,
        availableFrom: inDays(1),
        availableUntil: inDays(60),
        status: OfferStatus.PUBLISHED,
      }),
    );
    await requests.save(
      requests.create({
        ...common,
        organizationId: school,
        activityType: 'GUEST_LECTURE' as never,
        title: 'Foredrag om kjemi',
        quantity: 1,
        earliestDate: inDays(5),
        latestDate: inDays(30),
        status: RequestStatus.OPEN,
      }),
    );
    await requests.save(
      requests.create({
        ...common,
        organizationId: unverified,
        activityType: 'GUEST_LECTURE' as never,
        title: 'Klikk her: http://x.example',
        quantity: 1,
        earliestDate: inDays(5),
        latestDate: inDays(30),
        status: RequestStatus.OPEN,
      }),
    );
    // Does not fit (another activity type): never in a digest.
    await requests.save(
      requests.create({
        ...common,
        organizationId: school,
        activityType: 'EVENT' as never,
        title: 'Forskningsdager',
        quantity: 1,
        earliestDate: inDays(5),
        latestDate: inDays(30),
        status: RequestStatus.OPEN,
      }),
    );

    const service = stack.api!.get(DigestService);
    const sent = await Promise.all([service.sendDue(), service.sendDue()]); // two workers at once
    expect(sent[0] + sent[1]).toBe(2);
    const rows = await ds.getRepository(OutboxMessage).find({ where: { type: 'digest' } });
    const byUser = new Map(rows.map((r) => [r.recipientUserId, r]));
    expect(rows).toHaveLength(2);
    expect((byUser.get(partner.user.id)!.payload.items as Array<{ title: string }>).map((i) => i.title)).toEqual(['Foredrag om kjemi']);
    expect((byUser.get(teacher.user.id)!.payload.items as Array<{ title: string }>).map((i) => i.title)).toEqual(['Kjemi for Vg1']);
    expect(byUser.has(quiet.user.id)).toBe(false); // nothing new for them: no e-mail

    const mail = render('digest', byUser.get(partner.user.id)!.payload, 'sv', { publicUrl: 'https://brobygge.test' });
    expect(mail.subject).toBe('Dagens nyheter på Brobygge: 1 som passar er');
    expect(mail.text).toContain('• Förfrågan: Foredrag om kjemi — Tromsø vgs');

    expect(await service.sendDue()).toBe(0); // the same period: nothing again

    // Each user hears of what is new since their own last digest, even when read in one batch.
    const old = await requests.save(
      requests.create({
        ...common,
        organizationId: school,
        activityType: 'GUEST_LECTURE' as never,
        title: 'Eldre forespørsel',
        quantity: 1,
        earliestDate: inDays(5),
        latestDate: inDays(30),
        status: RequestStatus.OPEN,
      }),
    );
    await ds.query(`UPDATE collaboration_request SET created_at = now() - interval '3 days' WHERE id = $1`, [old.id]);
    const longAgo = await createUser(stack);
    await ds.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'MEMBER')`, [longAgo.user.id, company]);
    await ds.query(`UPDATE app_user SET digest = 'DAILY', last_digest_at = now() - interval '4 days' WHERE id = $1`, [longAgo.user.id]);
    await ds.query(`UPDATE app_user SET digest = 'DAILY', last_digest_at = now() - interval '25 hours' WHERE id = $1`, [partner.user.id]);
    const before = new Set((await ds.getRepository(OutboxMessage).find({ where: { type: 'digest' } })).map((r) => r.id));
    expect(await service.sendDue()).toBe(2);
    const latest = (await ds.getRepository(OutboxMessage).find({ where: { type: 'digest' } })).filter((r) => !before.has(r.id));
    expect(latest).toHaveLength(2);
    const titles = (u: string) => (latest.find((r) => r.recipientUserId === u)!.payload.items as Array<{ title: string }>).map((i) => i.title).sort();
    expect(titles(longAgo.user.id)).toEqual(['Eldre forespørsel', 'Foredrag om kjemi']);
    expect(titles(partner.user.id)).toEqual(['Foredrag om kjemi']);
    await ds.query(`UPDATE app_user SET digest = 'WEEKLY', last_digest_at = now() - interval '2 days' WHERE id = $1`, [partner.user.id]);
    expect(await service.sendDue()).toBe(0); // weekly: not due yet
  });
});
