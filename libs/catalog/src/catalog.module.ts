import { Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { registerPersonalData } from '@brobygge/core';
import { catalogPersonalData } from './personal-data';
import { OffersService } from './offers.service';
import { RequestsService } from './requests.service';
import { TaxonomyService } from './taxonomy.service';
import { Withdrawals } from './withdrawals';
import { CapacityLedger } from './capacity-ledger';
import { CatalogLapsing } from './catalog-lapsing';

/** The regional catalogue: regions, the focus-area taxonomy, offers and requests. */
@Module({
  providers: [TaxonomyService, OffersService, RequestsService, Withdrawals, CapacityLedger, CatalogLapsing],
  exports: [TaxonomyService, OffersService, RequestsService, Withdrawals, CapacityLedger, CatalogLapsing],
})
export class CatalogModule implements OnModuleInit {
  constructor(private readonly moduleRef: ModuleRef) {}

  /** This context's part of exportMyData and deleteMyAccount (docs/decisions.md, "Identity"). */
  onModuleInit(): void {
    for (const [section, contributor] of Object.entries(catalogPersonalData)) registerPersonalData(this.moduleRef, section, contributor);
  }
}
