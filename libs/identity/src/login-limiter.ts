import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TooManyRequestsError } from '@qf/common';
import { Env } from '@qf/config';
import { LoginFailureStore } from './login-failure.store';

/**
 * Password guesses, counted in PostgreSQL (`login_failures`) per username and per client address so
 * the limits hold across restarts and across api processes.
 *
 * An attempt is reserved — written as a failure — before the password is checked, by the database
 * function login_reserve() under advisory locks on the username and the address, so parallel
 * guesses are serialised at the count: no more than the limit are ever evaluated. A correct password takes its reservation back (and clears the
 * user's failures); a wrong one leaves it counted. An attempt cut short (process killed mid-check)
 * stays counted, which errs on the safe side.
 *
 * Per user: LOGIN_MAX_FAILURES_PER_USER (default 5) in the window — refuses even the right password.
 * Per address: LOGIN_MAX_FAILURES_PER_ADDRESS (default 300) failures and attempts in flight. Correct
 * logins leave nothing behind, so an office of 200 behind one NAT logging in at once (200 in flight)
 * plus a hundred typos stays under it; it only stops one address spraying many usernames.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    private readonly failures: LoginFailureStore,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** Reserves one attempt or throws 429; returns the reservation's id. */
  async reserve(username: string, address: string): Promise<string> {
    const id = await this.failures.reserve(username, address, {
      windowSeconds: this.config.get('LOGIN_FAILURE_WINDOW_SECONDS', { infer: true }),
      maxPerUser: this.config.get('LOGIN_MAX_FAILURES_PER_USER', { infer: true }),
      maxPerAddress: this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS', { infer: true }),
    });
    if (!id) throw new TooManyRequestsError('too many failed attempts; try again later');
    return id;
  }

  /** The password was right: the reservation is not a failure, and the user's count starts over. */
  async succeeded(reservationId: string, username: string): Promise<void> {
    await this.failures.clear(reservationId, username);
  }
}
