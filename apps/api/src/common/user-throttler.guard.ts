import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Rate limit per authenticated user, never per address for them (a whole department may sit behind
 * one NAT); per address only for unauthenticated requests. Runs after AuthGuard has set `req.user`.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {
  protected async getTracker(req: { user?: { id?: string }; ip?: string }): Promise<string> {
    return req.user?.id ? `user:${req.user.id}` : `ip:${req.ip}`;
  }
}
