import { FocusAreaResolver, RegionResolver } from './catalog/taxonomy.resolver';

/** Every resolver of the API: the app module and the schema generator share this list. */
export const RESOLVERS = [RegionResolver, FocusAreaResolver];
