/**
 * The demo world, for `npm run dev` and `npm run seed`: an admin, two coordinators, a
 * dozen schools (Malmö districts, Copenhagen, Tromsø) and partners (companies, Malmö and
 * Lund universities, a hospital, the city's environment department), each with an owner
 * and a member; the catalogue (demo-catalog.ts); and the past year's collaborations with
 * feedback (demo-history.ts); the Malmö school register, unclaimed schools imported from
 * schools-se-malmo.csv (demo-schools.ts). Idempotent: a second run changes nothing.
 */
import { DataSource } from 'typeorm';
import type { AppConfig } from '@brobygge/config';
import { dataSourceOptions } from '@brobygge/database';
import { CoordinatorRegion, hashPassword, Membership, MembershipRole, Organization, OrganizationKind, User } from '@brobygge/identity';
import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { DEMO_OFFERS, DEMO_REQUESTS } from './demo-catalog';
import { seedHistory } from './demo-history';
import { seedDemoSchools } from './demo-schools';
import { seedTargets } from './demo-targets';
import { seedConversation } from './demo-conversation';
import { seedPlacement } from './demo-placements';

export const DEMO_PASSWORD = 'brobygge-demo';
export const DEMO_DOMAIN = 'demo.brobygge.example';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

interface DemoOrg {
  slug: string;
  kind: OrganizationKind;
  name: string;
  region: string;
  municipality: string;
  district?: string;
  country: string;
  lat: number;
  lon: number;
  locale: User['locale'];
  verified?: boolean;
  priority?: boolean;
  people: [string, string];
  description?: string;
}

const S = OrganizationKind.SCHOOL;
export const DEMO_ORGS: DemoOrg[] = [
  {
    slug: 'rosengard',
    kind: S,
    name: 'Rosengårdsskolan',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Rosengård',
    country: 'SE',
    lat: 55.5886,
    lon: 13.0446,
    locale: 'sv',
    priority: true,
    people: ['Amina Yusuf', 'Johan Berg'],
  },
  {
    slug: 'fosie',
    kind: S,
    name: 'Fosie gymnasium',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Fosie',
    country: 'SE',
    lat: 55.5671,
    lon: 13.0291,
    locale: 'sv',
    priority: true,
    people: ['Sara Lind', 'Ali Hassan'],
  },
  {
    slug: 'hyllie',
    kind: S,
    name: 'Hyllie park gymnasium',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Hyllie',
    country: 'SE',
    lat: 55.5628,
    lon: 12.9759,
    locale: 'sv',
    people: ['Emma Nilsson', 'Oskar Persson'],
  },
  {
    slug: 'limhamn',
    kind: S,
    name: 'Limhamns gymnasium',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Limhamn-Bunkeflo',
    country: 'SE',
    lat: 55.5813,
    lon: 12.9246,
    locale: 'sv',
    people: ['Karin Holm', 'Erik Sjöberg'],
  },
  {
    slug: 'latinskola',
    kind: S,
    name: 'Malmö latinskola',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Innerstaden',
    country: 'SE',
    lat: 55.5998,
    lon: 13.0005,
    locale: 'sv',
    people: ['Maria Ek', 'Nils Åberg'],
  },
  {
    slug: 'borgar',
    kind: S,
    name: 'Borgarskolan',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Centrum',
    country: 'SE',
    lat: 55.6029,
    lon: 12.9911,
    locale: 'sv',
    people: ['Lena Strand', 'Mehmet Kaya'],
  },
  {
    slug: 'komvux',
    kind: S,
    name: 'Komvux Malmö',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Södra Innerstaden',
    country: 'SE',
    lat: 55.5903,
    lon: 13.0087,
    locale: 'sv',
    people: ['Fatima Said', 'Per Olsson'],
  },
  {
    slug: 'varnhem',
    kind: S,
    name: 'Värnhemsskolan',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Norr',
    country: 'SE',
    lat: 55.6055,
    lon: 13.0152,
    locale: 'sv',
    people: ['Ingrid Dahl', 'Jonas Wik'],
  },
  {
    slug: 'norre-gym',
    kind: S,
    name: 'Nørre Gymnasium',
    region: 'dk-hovedstaden',
    municipality: 'København',
    district: 'Brønshøj',
    country: 'DK',
    lat: 55.7063,
    lon: 12.4989,
    locale: 'da',
    people: ['Mette Jensen', 'Lars Nielsen'],
  },
  {
    slug: 'amager-gym',
    kind: S,
    name: 'Amager Gymnasium',
    region: 'dk-hovedstaden',
    municipality: 'København',
    district: 'Amager',
    country: 'DK',
    lat: 55.6596,
    lon: 12.603,
    locale: 'da',
    people: ['Sofie Hansen', 'Anders Møller'],
  },
  {
    slug: 'tromso-vgs',
    kind: S,
    name: 'Tromsø videregående skole',
    region: 'no-troms',
    municipality: 'Tromsø',
    district: 'Tromsøya',
    country: 'NO',
    lat: 69.6492,
    lon: 18.9553,
    locale: 'nb',
    people: ['Ingrid Johansen', 'Ola Nordmann'],
  },
  {
    slug: 'kongsbakken',
    kind: S,
    name: 'Kongsbakken videregående skole',
    region: 'no-troms',
    municipality: 'Tromsø',
    district: 'Sentrum',
    country: 'NO',
    lat: 69.6461,
    lon: 18.9499,
    locale: 'nb',
    people: ['Kari Berg', 'Henrik Olsen'],
  },
  {
    slug: 'mau',
    kind: OrganizationKind.UNIVERSITY,
    name: 'Malmö universitet',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Universitetsholmen',
    country: 'SE',
    lat: 55.611,
    lon: 12.9945,
    locale: 'sv',
    verified: true,
    people: ['Anna Ljung', 'David Roos'],
    description: 'Guest lectures and study visits in health, technology and sustainability.',
  },
  {
    slug: 'lu',
    kind: OrganizationKind.UNIVERSITY,
    name: 'Lunds universitet',
    region: 'se-skane',
    municipality: 'Lund',
    country: 'SE',
    lat: 55.7113,
    lon: 13.2032,
    locale: 'sv',
    verified: true,
    people: ['Karl Lindqvist', 'Elin Ström'],
    description: 'LTH labs, Vattenhallen science center and researcher visits.',
  },
  {
    slug: 'sus',
    kind: OrganizationKind.PUBLIC_AGENCY,
    name: 'Skånes universitetssjukhus',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Södra Innerstaden',
    country: 'SE',
    lat: 55.5893,
    lon: 13.0003,
    locale: 'sv',
    verified: true,
    people: ['Helena Bergström', 'Viktor Ahmed'],
    description: 'APL placements in care and laboratory medicine.',
  },
  {
    slug: 'miljo',
    kind: OrganizationKind.PUBLIC_AGENCY,
    name: 'Miljöförvaltningen, Malmö stad',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Centrum',
    country: 'SE',
    lat: 55.605,
    lon: 13.0038,
    locale: 'sv',
    verified: true,
    people: ['Linnea Björk', 'Samir Haddad'],
    description: "The city's environment department: water, air and climate.",
  },
  {
    slug: 'oresund-bio',
    kind: OrganizationKind.COMPANY,
    name: 'Öresund Biotech AB',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Hyllie',
    country: 'SE',
    lat: 55.564,
    lon: 12.978,
    locale: 'sv',
    verified: true,
    people: ['Johanna Falk', 'Tobias Lund'],
  },
  {
    slug: 'malmo-energi',
    kind: OrganizationKind.COMPANY,
    name: 'Malmö Energi & Miljö AB',
    region: 'se-malmo',
    municipality: 'Malmö',
    district: 'Hamnen',
    country: 'SE',
    lat: 55.618,
    lon: 12.999,
    locale: 'sv',
    verified: true,
    people: ['Magnus Ek', 'Yasmin Omar'],
  },
  {
    slug: 'skane-food',
    kind: OrganizationKind.COMPANY,
    name: 'Skånsk Livsmedelsprocess AB',
    region: 'se-skane',
    municipality: 'Helsingborg',
    country: 'SE',
    lat: 56.0465,
    lon: 12.6945,
    locale: 'sv',
    verified: false,
    people: ['Patrik Nyström', 'Sanna Kraft'],
  },
  {
    slug: 'hovedstaden-pharma',
    kind: OrganizationKind.COMPANY,
    name: 'Hovedstaden Pharma A/S',
    region: 'dk-hovedstaden',
    municipality: 'København',
    district: 'Nordhavn',
    country: 'DK',
    lat: 55.715,
    lon: 12.595,
    locale: 'da',
    verified: true,
    people: ['Camilla Larsen', 'Mikkel Poulsen'],
  },
  {
    slug: 'uit',
    kind: OrganizationKind.UNIVERSITY,
    name: 'UiT Norges arktiske universitet',
    region: 'no-troms',
    municipality: 'Tromsø',
    district: 'Breivika',
    country: 'NO',
    lat: 69.6813,
    lon: 18.9771,
    locale: 'nb',
    verified: true,
    people: ['Silje Hansen', 'Magnus Eriksen'],
  },
  {
    slug: 'arktisk-havbruk',
    kind: OrganizationKind.COMPANY,
    name: 'Arktisk Havbruk AS',
    region: 'no-troms',
    municipality: 'Tromsø',
    country: 'NO',
    lat: 69.67,
    lon: 18.93,
    locale: 'nb',
    verified: true,
    people: ['Eirik Solberg', 'Nora Lie'],
  },
];

export const demoEmail = (slug: string, who: 'owner' | 'member') => `${slug}.${who}@${DEMO_DOMAIN}`;

export async function seedDemo(config: AppConfig, dataSource?: DataSource): Promise<DemoLogin[]> {
  const ds = dataSource ?? (await new DataSource(dataSourceOptions(config.DATABASE_URL)).initialize());
  try {
    const hash = await hashPassword(DEMO_PASSWORD);
    await ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('brobygge:demo-seed'))`);
      const users = m.getRepository(User);
      const upsertUser = async (email: string, name: string, locale: User['locale'], extra: Partial<User> = {}) => {
        const existing = await users.findOneBy({ email });
        return existing ?? (await users.save(users.create({ email, name, locale, passwordHash: extra.passwordHash ?? hash, ...extra })));
      };
      await upsertUser(config.BOOTSTRAP_ADMIN_EMAIL.toLowerCase(), 'Administrator', 'en', {
        isAdmin: true,
        passwordHash: await hashPassword(config.BOOTSTRAP_ADMIN_PASSWORD),
      });
      const coordinators: Array<[string, string, User['locale'], string[]]> = [
        [`coordinator.malmo@${DEMO_DOMAIN}`, 'Eva Processledare', 'sv', ['se-malmo', 'se-skane']],
        [`coordinator.hovedstaden@${DEMO_DOMAIN}`, 'Jens Koordinator', 'da', ['dk-hovedstaden']],
      ];
      const coordinatorIds: string[] = [];
      for (const [email, name, locale, regions] of coordinators) {
        const u = await upsertUser(email, name, locale);
        coordinatorIds.push(u.id);
        for (const regionCode of regions) {
          await m.createQueryBuilder().insert().into(CoordinatorRegion).values({ userId: u.id, regionCode }).orIgnore().execute();
        }
      }
      const seeded = new Map<string, { org: Organization; ownerId: string; locale: string }>();
      for (const o of DEMO_ORGS) {
        const owner = await upsertUser(demoEmail(o.slug, 'owner'), o.people[0], o.locale);
        const member = await upsertUser(demoEmail(o.slug, 'member'), o.people[1], o.locale);
        let org = await m.getRepository(Organization).findOneBy({ name: o.name, regionCode: o.region });
        if (!org) {
          org = await m.getRepository(Organization).save(
            m.getRepository(Organization).create({
              kind: o.kind,
              name: o.name,
              regionCode: o.region,
              municipality: o.municipality,
              district: o.district ?? null,
              countryCode: o.country,
              latitude: o.lat,
              longitude: o.lon,
              description: o.description ?? null,
              verified: o.verified ?? o.kind === S,
              priority: o.priority ?? false,
              createdById: owner.id,
            }),
          );
        }
        await m
          .createQueryBuilder()
          .insert()
          .into(Membership)
          .values([
            { userId: owner.id, organizationId: org.id, role: MembershipRole.OWNER },
            { userId: member.id, organizationId: org.id, role: MembershipRole.MEMBER },
          ])
          .orIgnore()
          .execute();
        seeded.set(o.slug, { org, ownerId: owner.id, locale: o.locale });
      }
      await seedCatalog(m, seeded, today());
      await seedHistory(m, seeded, new Date());
      await seedTargets(m, coordinatorIds[0], new Date());
      await seedPlacement(m, seeded, new Date());
    });
    // The register's schools that nobody has claimed yet (the gap list), through the import.
    await seedDemoSchools(ds, `coordinator.malmo@${DEMO_DOMAIN}`);
    // Last, so that it finds the demo's workplace placement match (issue 16).
    await ds.transaction((m) => seedConversation(m, `coordinator.malmo@${DEMO_DOMAIN}`, new Date()));
  } finally {
    if (!dataSource) await ds.destroy();
  }
  return [
    { role: 'admin', email: config.BOOTSTRAP_ADMIN_EMAIL, password: config.BOOTSTRAP_ADMIN_PASSWORD },
    { role: 'coordinator (Malmö, Skåne)', email: `coordinator.malmo@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
    { role: 'coordinator (Hovedstaden)', email: `coordinator.hovedstaden@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
    { role: 'teacher, Rosengårdsskolan', email: demoEmail('rosengard', 'member'), password: DEMO_PASSWORD },
    { role: 'owner, Rosengårdsskolan', email: demoEmail('rosengard', 'owner'), password: DEMO_PASSWORD },
    { role: 'partner, Malmö universitet', email: demoEmail('mau', 'owner'), password: DEMO_PASSWORD },
    { role: 'partner, Skånes univ.sjukhus', email: demoEmail('sus', 'owner'), password: DEMO_PASSWORD },
    { role: 'teacher, Nørre Gymnasium', email: demoEmail('norre-gym', 'member'), password: DEMO_PASSWORD },
    { role: 'teacher, Tromsø vgs', email: demoEmail('tromso-vgs', 'member'), password: DEMO_PASSWORD },
    { role: 'every organisation (docs/demo.md)', email: `<slug>.owner or <slug>.member@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
  ];
}

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

/** The demo offers and requests (demo-catalog.ts); an item whose organisation already has one with its title is skipped. */
async function seedCatalog(m: import('typeorm').EntityManager, orgs: Map<string, { org: Organization; ownerId: string; locale: string }>, day: string): Promise<void> {
  const existing = new Set<string>(
    (
      (await m.query(`SELECT organization_id || '|' || title AS k FROM offer UNION ALL SELECT organization_id || '|' || title FROM collaboration_request`)) as Array<{
        k: string;
      }>
    ).map((r) => r.k),
  );
  const of = (slug: string) => {
    const o = orgs.get(slug);
    if (!o) throw new Error(`demo-catalog names an unknown organisation "${slug}"`);
    return o;
  };
  const offers = DEMO_OFFERS.filter((d) => !existing.has(`${of(d.org).org.id}|${d.title}`)).map((d) => {
    const { org, ownerId, locale } = of(d.org);
    return m.getRepository(Offer).create({
      organizationId: org.id,
      regionCode: org.regionCode,
      activityType: d.type,
      title: d.title,
      description: d.description,
      focusAreas: d.focus,
      deliveryModes: d.modes,
      languages: [locale, ...(d.extraLanguages ?? [])],
      capacity: d.capacity,
      groupSizeMax: d.groupSizeMax ?? null,
      minStudentAge: d.minAge ?? null,
      availableFrom: plusDays(day, d.start),
      availableUntil: plusDays(day, d.start + d.days),
      travelRadiusKm: d.radiusKm ?? null,
      requiresBackgroundCheck: d.backgroundCheck ?? false,
      status: org.verified ? OfferStatus.PUBLISHED : OfferStatus.DRAFT,
      createdById: ownerId,
    });
  });
  const requests = DEMO_REQUESTS.filter((d) => !existing.has(`${of(d.org).org.id}|${d.title}`)).map((d) => {
    const { org, ownerId, locale } = of(d.org);
    return m.getRepository(CollaborationRequest).create({
      organizationId: org.id,
      regionCode: org.regionCode,
      activityType: d.type,
      title: d.title,
      description: d.description,
      focusAreas: d.focus,
      deliveryModes: d.modes,
      languages: [locale, ...(d.extraLanguages ?? [])],
      quantity: d.quantity,
      groupSize: d.groupSize ?? null,
      studentAge: d.age ?? null,
      earliestDate: plusDays(day, d.start),
      latestDate: plusDays(day, d.start + d.days),
      maxTravelKm: d.maxTravelKm ?? null,
      status: RequestStatus.OPEN,
      createdById: ownerId,
    });
  });
  if (offers.length) await m.getRepository(Offer).save(offers, { chunk: 100 });
  if (requests.length) await m.getRepository(CollaborationRequest).save(requests, { chunk: 100 });
}
