import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { assertCleanInput } from '@brobygge/core';

/** GraphQL's parameter kind for `@Args` (@nestjs/graphql GqlParamtype.ARGS). */
const GQL_ARGS = 3 as unknown as ArgumentMetadata['type'];
const HTTP_INPUTS = new Set<ArgumentMetadata['type']>(['query', 'param', 'body', GQL_ARGS]);

/**
 * Every argument of every resolver and every query/path/body value of every controller
 * passes the one text rule of libs/core (assertCleanInput) before any service sees it.
 * Registered once, globally (APP_PIPE in AppModule).
 */
@Injectable()
export class InputHygienePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (HTTP_INPUTS.has(metadata.type)) assertCleanInput(metadata.data ?? '', value);
    return value;
  }
}
