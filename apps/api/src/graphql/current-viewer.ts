import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { requireSignedIn, Viewer } from '@brobygge/core';
import type { GqlContext } from './context';

/** Where SignedInGuard leaves the viewer for @CurrentViewer(), on the request's GraphQL context. */
const SIGNED_IN = Symbol('brobygge:signed-in-viewer');
type WithViewer = GqlContext & { [SIGNED_IN]?: Viewer };

/**
 * Resolves the viewer once (`ctx.viewer()`, so the answer is personal and never cached) and
 * refuses anonymous callers with UNAUTHENTICATED, as every policy's first question would.
 * Not for public catalogue lists: those ask `ctx.publicViewer()` so that they stay cacheable.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const ctx = GqlExecutionContext.create(context).getContext<WithViewer>();
    ctx[SIGNED_IN] ??= requireSignedIn(await ctx.viewer());
    return true;
  }
}

/**
 * A query or mutation for signed-in callers only: `@SignedIn()` on the method, then
 * `@CurrentViewer() viewer: Viewer` among its parameters. (Field resolvers run without
 * guards in @nestjs/graphql, so they keep asking `ctx.viewer()` themselves.)
 */
export const SignedIn = () => applyDecorators(UseGuards(SignedInGuard));

/** The signed-in viewer that SignedInGuard resolved for this request. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => {
  const viewer = GqlExecutionContext.create(context).getContext<WithViewer>()[SIGNED_IN];
  if (!viewer) throw new Error('@CurrentViewer() needs @SignedIn() on the same resolver method');
  return viewer;
});
