import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { PERSONAL_DATA } from '@brobygge/core';
import { NotificationsModule } from '@brobygge/notifications';
import { Authentication } from './authentication.service';
import { InvitationsService } from './invitations.service';
import { OrganizationsService } from './organizations.service';
import { OrganizationProfiles } from './organization-profiles.service';
import { PersonalData } from './personal-data.service';
import { Profiles } from './profiles.service';
import { RateLimiter } from './rate-limiter';
import { SchoolRegister } from './school-register';

/** People, organisations, memberships, invitations, auth and the access policy. */
@Module({
  imports: [
    NotificationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ secret: c.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
    }),
  ],
  providers: [
    Authentication,
    Profiles,
    PersonalData,
    OrganizationsService,
    OrganizationProfiles,
    InvitationsService,
    RateLimiter,
    SchoolRegister,
    // Where the other contexts register their part of exportMyData and deleteMyAccount.
    { provide: PERSONAL_DATA, useExisting: PersonalData },
  ],
  exports: [Authentication, Profiles, PersonalData, OrganizationsService, OrganizationProfiles, InvitationsService, RateLimiter, SchoolRegister, PERSONAL_DATA],
})
export class IdentityModule implements OnApplicationBootstrap {
  constructor(@Inject(Authentication) private readonly authentication: Authentication) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.authentication.ensureBootstrapAdmin();
  }
}
