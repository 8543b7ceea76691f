import { Module } from '@nestjs/common';
import { CatalogModule } from '@brobygge/catalog';
import { SCHOOL_RESPONSES } from '@brobygge/core';
import { IdentityModule } from '@brobygge/identity';
import { CollaborationModule } from './collaboration.module';
import { OutreachOffers } from './outreach-offers';
import { OutreachReads } from './outreach-reads';
import { OutreachService } from './outreach.service';

/**
 * Coordinators' outreach to schools (issue 15). A module of its own because it needs the
 * identity context's invitations, which the worker (importing CollaborationModule) does not
 * run. It answers SCHOOL_RESPONSES: identity and the catalogue, below collaboration, tell it
 * when a school answers.
 */
@Module({
  imports: [IdentityModule, CatalogModule, CollaborationModule],
  providers: [OutreachOffers, OutreachService, OutreachReads, { provide: SCHOOL_RESPONSES, useExisting: OutreachReads }],
  exports: [OutreachService, OutreachReads, SCHOOL_RESPONSES],
})
export class OutreachModule {}
