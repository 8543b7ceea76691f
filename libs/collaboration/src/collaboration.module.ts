import { Module } from '@nestjs/common';
import { CatalogModule } from '@brobygge/catalog';
import { AllocationService } from './allocation.service';
import { MatchingData } from './matching-data';
import { SuggestionsService } from './suggestions.service';

/** Collaboration between schools and partners: suggestions and allocation rounds (matches follow). */
@Module({ imports: [CatalogModule], providers: [MatchingData, SuggestionsService, AllocationService], exports: [SuggestionsService, AllocationService] })
export class CollaborationModule {}
