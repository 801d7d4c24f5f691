import { MigrationInterface, QueryRunner } from 'typeorm';

/** A leave request the requester withdrew before it was decided: status `withdrawn`. */
export class LeaveWithdrawal1764202400000 implements MigrationInterface {
  name = 'LeaveWithdrawal1764202400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE leave_requests DROP CONSTRAINT leave_requests_status_check;
      ALTER TABLE leave_requests ADD CONSTRAINT leave_requests_status_check CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE leave_requests SET status = 'rejected', comment = coalesce(comment, 'withdrawn') WHERE status = 'withdrawn';
      ALTER TABLE leave_requests DROP CONSTRAINT leave_requests_status_check;
      ALTER TABLE leave_requests ADD CONSTRAINT leave_requests_status_check CHECK (status IN ('pending', 'approved', 'rejected'));
    `);
  }
}
