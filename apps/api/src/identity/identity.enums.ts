import { registerEnumType } from '@nestjs/graphql';
import { DigestFrequency, MembershipRole, OrganizationKind, PlatformRole, SchoolLevel } from '@brobygge/identity';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(MembershipRole, { name: 'MembershipRole' });
registerEnumType(PlatformRole, { name: 'PlatformRole' });
registerEnumType(DigestFrequency, { name: 'DigestFrequency' });
registerEnumType(SchoolLevel, { name: 'SchoolLevel' });

export { DigestFrequency, MembershipRole, OrganizationKind, PlatformRole, SchoolLevel };
