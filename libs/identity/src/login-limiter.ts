import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { TooManyRequestsError } from '@qf/common';
import { Env } from '@qf/config';
import { DataSource } from 'typeorm';

/** Advisory lock classes (first key of pg_advisory_xact_lock(int, int)). */
const USER_LOCK = 7263101;
const ADDRESS_LOCK = 7263102;

/**
 * Password guesses, counted in PostgreSQL (`login_failures`) per username and per client address so
 * the limits hold across restarts and across api processes.
 *
 * An attempt is reserved — written as a failure — before the password is checked, under advisory
 * locks on the username and the address, so parallel guesses are serialised at the count: no more
 * than the limit are ever evaluated. A correct password takes its reservation back (and clears the
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Env, true>,
  ) {}

  /** Reserves one attempt or throws 429; returns the reservation's id. */
  async reserve(username: string, address: string): Promise<string> {
    const windowSeconds = this.config.get('LOGIN_FAILURE_WINDOW_SECONDS', { infer: true });
    const maxUser = this.config.get('LOGIN_MAX_FAILURES_PER_USER', { infer: true });
    const maxAddress = this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS', { infer: true });
    const id = await this.dataSource.transaction(async (em) => {
      // Always user first, then address: every transaction takes one of each in that order (no deadlock).
      await em.query(`SELECT pg_advisory_xact_lock($1, hashtext(lower($2)))`, [USER_LOCK, username]);
      await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ADDRESS_LOCK, address]);
      const rows: { id: string }[] = await em.query(
        `INSERT INTO login_failures (username, address)
         SELECT $1, $2
          WHERE (SELECT count(*) FROM login_failures
                  WHERE lower(username) = lower($1) AND at > now() - make_interval(secs => $3)) < $4
            AND (SELECT count(*) FROM login_failures
                  WHERE address = $2 AND at > now() - make_interval(secs => $3)) < $5
         RETURNING id::text AS id`,
        [username, address, windowSeconds, maxUser, maxAddress],
      );
      return rows[0]?.id;
    });
    if (!id) throw new TooManyRequestsError('too many failed attempts; try again later');
    return id;
  }

  /** The password was right: the reservation is not a failure, and the user's count starts over. */
  async succeeded(reservationId: string, username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE id = $1::bigint OR lower(username) = lower($2)`, [reservationId, username]);
  }
}
