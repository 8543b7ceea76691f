import { Module } from '@nestjs/common';
import { OffersService } from './offers.service';
import { RequestsService } from './requests.service';
import { TaxonomyService } from './taxonomy.service';

/** The regional catalogue: regions, the focus-area taxonomy, offers and requests. */
@Module({ providers: [TaxonomyService, OffersService, RequestsService], exports: [TaxonomyService, OffersService, RequestsService] })
export class CatalogModule {}
