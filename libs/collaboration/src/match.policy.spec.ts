import { ForbiddenError, NotFoundError, Viewer } from '@brobygge/core';
import { MatchOrigin } from './enums';
import { MatchPolicy } from './match.policy';

const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  id: 'u1',
  email: 'u1@example.org',
  name: 'U',
  locale: 'sv',
  isAdmin: false,
  coordinatorRegions: [],
  memberships: new Map(),
  ...over,
});
const request = { organizationId: 'school', regionCode: 'se-malmo' };
const offer = { organizationId: 'partner' };
const member = (org: string) => new Map([[org, 'MEMBER' as const]]);

describe('MatchPolicy.assertMayPropose (who may propose, and as whom)', () => {
  it("lets a member of the request's school propose as the SCHOOL", () => {
    expect(MatchPolicy.assertMayPropose(viewer({ memberships: member('school') }), request, offer)).toBe(MatchOrigin.SCHOOL);
  });

  it('lets a member of the offering organisation propose as the PARTNER', () => {
    expect(MatchPolicy.assertMayPropose(viewer({ memberships: member('partner') }), request, offer)).toBe(MatchOrigin.PARTNER);
  });

  it("lets a coordinator of the request's region propose as COORDINATOR", () => {
    expect(MatchPolicy.assertMayPropose(viewer({ coordinatorRegions: ['se-malmo'] }), request, offer)).toBe(MatchOrigin.COORDINATOR);
  });

  it('takes the school first, then the partner, then the coordinator when the viewer is several', () => {
    const all = {
      memberships: new Map([
        ['school', 'OWNER' as const],
        ['partner', 'MEMBER' as const],
      ]),
      coordinatorRegions: ['se-malmo'],
    };
    expect(MatchPolicy.assertMayPropose(viewer(all), request, offer)).toBe(MatchOrigin.SCHOOL);
    expect(MatchPolicy.assertMayPropose(viewer({ ...all, memberships: member('partner') }), request, offer)).toBe(MatchOrigin.PARTNER);
  });

  it("refuses everyone else: other organisations, other regions' coordinators, admins", () => {
    expect(() => MatchPolicy.assertMayPropose(viewer({ memberships: member('elsewhere') }), request, offer)).toThrow(ForbiddenError);
    expect(() => MatchPolicy.assertMayPropose(viewer({ coordinatorRegions: ['dk-hovedstaden'] }), request, offer)).toThrow(ForbiddenError);
    expect(() => MatchPolicy.assertMayPropose(viewer({ isAdmin: true }), request, offer)).toThrow(ForbiddenError);
  });
});

describe('MatchPolicy across borders (issue 16): who sees, who approves a match of a request in se-malmo and an offer of dk-hovedstaden', () => {
  const match = {
    id: 'm1',
    schoolId: 'school',
    partnerId: 'partner',
    regionCode: 'se-malmo',
    offerRegionCode: 'dk-hovedstaden',
  } as unknown as Parameters<typeof MatchPolicy.assertCanSee>[1];
  const requestRegion = viewer({ coordinatorRegions: ['se-malmo'] });
  const offerRegion = viewer({ coordinatorRegions: ['dk-hovedstaden'] });
  const elsewhere = viewer({ coordinatorRegions: ['se-skane'] });

  it.each([
    ["the request's region's coordinator", true, true, requestRegion],
    ["the offer's region's coordinator", true, false, offerRegion],
    ['an admin', true, true, viewer({ isAdmin: true })],
    ['a member of the school', true, false, viewer({ memberships: member('school') })],
    ['a member of the partner', true, false, viewer({ memberships: member('partner') })],
    ["another region's coordinator", false, false, elsewhere],
    ['anyone else', false, false, viewer({ memberships: member('elsewhere') })],
  ])('%s: sees %s, approves %s', (_, sees, approves, v) => {
    expect(MatchPolicy.mayView(v, match)).toBe(sees);
    if (sees) expect(MatchPolicy.assertCanSee(v, match)).toBe(v);
    else expect(() => MatchPolicy.assertCanSee(v, match)).toThrow(NotFoundError);
    if (approves) expect(() => MatchPolicy.assertCoordinator(v, match, 'approve')).not.toThrow();
    else expect(() => MatchPolicy.assertCoordinator(v, match, 'approve')).toThrow(ForbiddenError);
  });

  it("lets the offer's region's coordinator neither cancel nor take part in the conversation", () => {
    expect(() => MatchPolicy.assertCanCancel(offerRegion, match)).toThrow(ForbiddenError);
    expect(MatchPolicy.conversationSide(offerRegion, match)).toBeNull();
  });
});
