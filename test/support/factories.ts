/**
 * Factories: build the world a test needs straight in the database (fast), and sign in
 * with real tokens from the real Authentication service.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Authentication, CoordinatorRegion, hashPassword, Membership, MembershipRole, Organization, OrganizationKind, User } from '@brobygge/identity';
import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { inDays } from './queries';
import type { TestStack } from './stack';

export const PASSWORD = 'correct horse battery';
let hashed: Promise<string> | undefined;

export interface TestUser {
  user: User;
  token: string;
}

export async function createUser(
  stack: TestStack,
  opts: { name?: string; email?: string; admin?: boolean; coordinatorOf?: string[]; locale?: User['locale'] } = {},
): Promise<TestUser> {
  const ds: DataSource = stack.dataSource;
  hashed ??= hashPassword(PASSWORD);
  const id = randomUUID();
  const user = await ds.getRepository(User).save(
    ds.getRepository(User).create({
      id,
      email: opts.email ?? `u-${id.slice(0, 8)}@example.org`,
      name: opts.name ?? `User ${id.slice(0, 4)}`,
      passwordHash: await hashed,
      isAdmin: opts.admin ?? false,
      locale: opts.locale ?? 'en',
    }),
  );
  for (const regionCode of opts.coordinatorOf ?? []) {
    await ds.getRepository(CoordinatorRegion).insert({ userId: user.id, regionCode });
  }
  const token = await stack.api!.get(Authentication).issueToken(user);
  return { user, token };
}

export async function createOrganization(stack: TestStack, opts: Partial<Organization> & { owner?: User; members?: User[] } = {}): Promise<Organization> {
  const ds = stack.dataSource;
  const { owner, members, ...fields } = opts;
  const org = await ds.getRepository(Organization).save(
    ds.getRepository(Organization).create({
      kind: OrganizationKind.SCHOOL,
      name: `Org ${randomUUID().slice(0, 6)}`,
      regionCode: 'se-malmo',
      municipality: 'Malmö',
      countryCode: 'SE',
      verified: false,
      priority: false,
      ...fields,
    }),
  );
  if (owner) await ds.getRepository(Membership).insert({ userId: owner.id, organizationId: org.id, role: MembershipRole.OWNER });
  for (const m of members ?? []) {
    await ds.getRepository(Membership).insert({ userId: m.id, organizationId: org.id, role: MembershipRole.MEMBER });
  }
  return org;
}

/** A published offer straight in the database: a chemistry APL place in se-malmo unless `over` says otherwise. */
export async function createOffer(stack: TestStack, over: Partial<Offer> & { organizationId: string }): Promise<Offer> {
  const repo = stack.dataSource.getRepository(Offer);
  return repo.save(
    repo.create({
      regionCode: 'se-malmo',
      activityType: 'WORKPLACE_PLACEMENT' as never,
      title: 'APL i labbet',
      description: 'Fyra veckor.',
      focusAreas: ['chemistry'],
      deliveryModes: ['AT_PARTNER' as never],
      languages: ['sv'],
      capacity: 3,
      availableFrom: inDays(5),
      availableUntil: inDays(120),
      status: OfferStatus.PUBLISHED,
      ...over,
    }),
  );
}

/** An open request straight in the database: two pupils for a chemistry APL in se-malmo unless `over` says otherwise. */
export async function createRequest(stack: TestStack, over: Partial<CollaborationRequest> & { organizationId: string }): Promise<CollaborationRequest> {
  const repo = stack.dataSource.getRepository(CollaborationRequest);
  return repo.save(
    repo.create({
      regionCode: 'se-malmo',
      activityType: 'WORKPLACE_PLACEMENT' as never,
      title: 'APL för kemielever',
      description: 'Två elever.',
      focusAreas: ['chemistry'],
      deliveryModes: ['AT_PARTNER' as never],
      languages: ['sv'],
      quantity: 2,
      earliestDate: inDays(10),
      latestDate: inDays(90),
      status: RequestStatus.OPEN,
      ...over,
    }),
  );
}
