import { Module } from '@nestjs/common';
import { TaxonomyService } from './taxonomy.service';

/** The regional catalogue: regions, the focus-area taxonomy (offers and requests to come). */
@Module({ providers: [TaxonomyService], exports: [TaxonomyService] })
export class CatalogModule {}
