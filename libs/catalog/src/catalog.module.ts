import { Module } from '@nestjs/common';
import { OffersService } from './offers.service';
import { RequestsService } from './requests.service';
import { TaxonomyService } from './taxonomy.service';
import { Withdrawals } from './withdrawals';

/** The regional catalogue: regions, the focus-area taxonomy, offers and requests. */
@Module({
  providers: [TaxonomyService, OffersService, RequestsService, Withdrawals],
  exports: [TaxonomyService, OffersService, RequestsService, Withdrawals],
})
export class CatalogModule {}
