import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { ThrottledAction } from '@brobygge/config';
import { RateLimiter } from '@brobygge/identity';
import type { GqlContext } from './context';

const THROTTLE = 'brobygge:throttle';

/**
 * Counts every call of the resolver against the caller's throttle for `action` (per user,
 * and per IP): RATE_LIMITED with retryAfterSeconds past it. Each alias is a call.
 */
@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action = this.reflector.get<ThrottledAction | undefined>(THROTTLE, context.getHandler());
    if (!action) return true;
    const ctx = GqlExecutionContext.create(context).getContext<GqlContext>();
    const viewer = await ctx.viewer();
    // Anonymous callers are refused by the resolver itself (UNAUTHENTICATED).
    if (viewer) await this.limiter.take(action, viewer.id, ctx.ip);
    return true;
  }
}

export const Throttled = (action: ThrottledAction) => applyDecorators(SetMetadata(THROTTLE, action), UseGuards(ThrottleGuard));
