import { registerEnumType } from '@nestjs/graphql';
import { DigestFrequency, MembershipRole, OrganizationKind, PlatformRole } from '@brobygge/identity';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(MembershipRole, { name: 'MembershipRole' });
registerEnumType(PlatformRole, { name: 'PlatformRole' });
registerEnumType(DigestFrequency, { name: 'DigestFrequency' });

export { DigestFrequency, MembershipRole, OrganizationKind, PlatformRole };
