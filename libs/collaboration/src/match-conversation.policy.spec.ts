import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, Viewer } from '@brobygge/core';
import { MatchStatus } from './enums';
import type { Match } from './match.entity';
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
const member = (...orgs: string[]) => new Map(orgs.map((o) => [o, 'MEMBER' as const]));
const match = (status = MatchStatus.APPROVED) => ({ id: 'm1', schoolId: 'school', partnerId: 'partner', regionCode: 'se-malmo', status }) as Match;

describe('MatchPolicy and the conversation on a match (issue 16)', () => {
  it('gives each participant their side: the school first, then the partner, then the coordinator of the region', () => {
    expect(MatchPolicy.assertMayWrite(viewer({ memberships: member('school') }), match())).toBe('SCHOOL');
    expect(MatchPolicy.assertMayWrite(viewer({ memberships: member('partner') }), match())).toBe('PARTNER');
    expect(MatchPolicy.assertMayWrite(viewer({ memberships: member('partner', 'school') }), match())).toBe('SCHOOL');
    expect(MatchPolicy.assertMayWrite(viewer({ coordinatorRegions: ['se-malmo'] }), match())).toBe('COORDINATOR');
    expect(MatchPolicy.assertMayWrite(viewer({ coordinatorRegions: ['se-malmo'], memberships: member('partner') }), match())).toBe('PARTNER');
  });

  it('refuses the others: anonymous UNAUTHENTICATED, who cannot see the match NOT_FOUND, an admin who takes no part FORBIDDEN', () => {
    expect(() => MatchPolicy.assertMayRead(null, match())).toThrow(UnauthenticatedError);
    expect(() => MatchPolicy.assertMayRead(viewer(), match())).toThrow(NotFoundError);
    expect(() => MatchPolicy.assertMayRead(viewer({ coordinatorRegions: ['se-stockholm'] }), match())).toThrow(NotFoundError);
    expect(() => MatchPolicy.assertMayRead(viewer({ isAdmin: true }), match())).toThrow(ForbiddenError);
    expect(() => MatchPolicy.assertMayWrite(viewer({ isAdmin: true }), match())).toThrow(ForbiddenError);
    expect(MatchPolicy.conversationSide(viewer({ isAdmin: true }), match())).toBeNull();
  });

  it('closes writing, not reading, once the match is DECLINED, REJECTED or CANCELLED', () => {
    const teacher = viewer({ memberships: member('school') });
    for (const status of [MatchStatus.PROPOSED, MatchStatus.AWAITING_APPROVAL, MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.COMPLETED]) {
      expect(MatchPolicy.assertMayWrite(teacher, match(status))).toBe('SCHOOL');
    }
    for (const status of [MatchStatus.DECLINED, MatchStatus.REJECTED, MatchStatus.CANCELLED]) {
      expect(() => MatchPolicy.assertMayWrite(teacher, match(status))).toThrow(ConflictError);
      expect(MatchPolicy.assertMayRead(teacher, match(status))).toBe('SCHOOL');
    }
  });
});
