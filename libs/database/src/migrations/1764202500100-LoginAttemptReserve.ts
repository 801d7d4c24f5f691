import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * login_reserve(): reserves one login attempt — a login_failures row — unless the username or the
 * address is at its limit; returns the row's id, or NULL (→ 429). One round trip: it takes an
 * advisory lock on the username and then on the address (always in that order, so two calls never
 * deadlock), and only then counts. Under READ COMMITTED each statement of a PL/pgSQL function takes
 * a fresh snapshot, so the count sees every reservation committed by the previous lock holder; the
 * locks are held until the calling statement's transaction ends. Parallel guesses are thereby
 * serialised at the count, and never more than the limit reach the password check.
 */
export class LoginAttemptReserve1764202500100 implements MigrationInterface {
  name = 'LoginAttemptReserve1764202500100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION login_reserve(p_username text, p_address text, p_window_seconds int, p_max_user int, p_max_address int)
      RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        reserved bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(7263101, hashtext(lower(p_username)));
        PERFORM pg_advisory_xact_lock(7263102, hashtext(p_address));
        INSERT INTO login_failures (username, address)
        SELECT p_username, p_address
         WHERE (SELECT count(*) FROM login_failures
                 WHERE lower(username) = lower(p_username) AND at > now() - make_interval(secs => p_window_seconds)) < p_max_user
           AND (SELECT count(*) FROM login_failures
                 WHERE address = p_address AND at > now() - make_interval(secs => p_window_seconds)) < p_max_address
        RETURNING id INTO reserved;
        RETURN reserved;
      END $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION login_reserve(text, text, int, int, int)`);
  }
}
