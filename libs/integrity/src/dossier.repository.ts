import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { many, one, sql, Sql } from '@qf/database';
import { DataSource } from 'typeorm';

export interface DossierPerson {
  id: string;
  displayName: string;
  role: string;
  unitId: string;
  unitName: string;
}

export interface DossierSections {
  attendance: {
    sessions: number;
    present: number;
    late: number;
    excused: number;
    absent: number;
    madeUp: number;
    records: { sessionId: string; title: string; startsAt: string; status: string; madeUpAt: string | null }[];
  };
  reading: { listTitle: string; itemTitle: string; status: string; finishedAt: string | null; discussedAt: string | null }[];
  reflections: { taskId: string; title: string; status: string; dueAt: string; submittedAt: string | null; charCount: number; late: boolean }[];
  talks: { id: string; kind: string; talkerName: string; at: string; place: string | null; summary: string | null; response: string | null; private: boolean }[];
  items: { id: string; kind: string; title: string; status: string; assignedAt: string; dueAt: string; closedAt: string | null; late: boolean }[];
  reminders: { received: number; acknowledged: number; list: { id: string; title: string; sentAt: string; acknowledgedAt: string | null }[] };
  declarations: { id: string; kind: string; eventDate: string; place: string; guests: number | null; tables: number | null; acknowledgedAt: string | null }[];
}

export interface AccessLogRow {
  viewerId: string;
  displayName: string;
  at: Date;
  year: number;
  format: string;
}

/**
 * A person's year across every feature, in one statement (each section one aggregate over an indexed
 * range of the person's rows), and the append-only dossier_access_log. `viewerIsPerson`: a private
 * talk's summary is not theirs to read.
 */
const sectionsSql = (p: { personId: string; start: Date; end: Date; year: number; viewerIsPerson: boolean }): Sql => sql`
SELECT
  (SELECT json_build_object(
      'sessions', count(*), 'present', count(*) FILTER (WHERE r.status = 'present'), 'late', count(*) FILTER (WHERE r.status = 'late'),
      'excused', count(*) FILTER (WHERE r.status = 'excused'), 'absent', count(*) FILTER (WHERE r.status = 'absent'),
      'madeUp', count(r.made_up_at),
      'records', coalesce(json_agg(json_build_object('sessionId', s.id, 'title', s.title, 'startsAt', s.starts_at, 'status', r.status, 'madeUpAt', r.made_up_at)
                                   ORDER BY s.starts_at), '[]'::json))
     FROM attendance_records r JOIN sessions s ON s.id = r.session_id
    WHERE r.user_id = ${p.personId} AND s.starts_at >= ${p.start} AND s.starts_at < ${p.end} AND s.status IN ('published', 'completed')) AS attendance,
  (SELECT coalesce(json_agg(json_build_object('listTitle', l.title, 'itemTitle', i.title, 'status', p.status, 'finishedAt', p.finished_at, 'discussedAt', p.discussed_at)
                            ORDER BY l.title, i.position), '[]'::json)
     FROM reading_progress p JOIN reading_items i ON i.id = p.item_id JOIN reading_lists l ON l.id = i.list_id
    WHERE p.user_id = ${p.personId} AND l.year = ${p.year}) AS reading,
  (SELECT coalesce(json_agg(json_build_object('taskId', t.id, 'title', a.title, 'status', t.status, 'dueAt', t.due_at, 'submittedAt', t.submitted_at,
                                              'charCount', t.char_count, 'late', t.late) ORDER BY t.due_at), '[]'::json)
     FROM reflection_tasks t JOIN reflection_assignments a ON a.id = t.assignment_id
    WHERE t.user_id = ${p.personId} AND t.created_at >= ${p.start} AND t.created_at < ${p.end}) AS reflections,
  (SELECT coalesce(json_agg(json_build_object('id', t.id, 'kind', t.kind, 'talkerName', er.display_name, 'at', t.at, 'place', t.place,
                                              'summary', CASE WHEN t.private AND ${p.viewerIsPerson} THEN NULL ELSE t.summary END, 'response', t.response, 'private', t.private)
                            ORDER BY t.at), '[]'::json)
     FROM talks t JOIN users er ON er.id = t.talker_id
    WHERE t.talkee_id = ${p.personId} AND t.at >= ${p.start} AND t.at < ${p.end}) AS talks,
  (SELECT coalesce(json_agg(json_build_object('id', si.id, 'kind', si.kind, 'title', si.title, 'status', si.status, 'assignedAt', si.assigned_at,
                                              'dueAt', si.due_at, 'closedAt', si.closed_at, 'late', si.late) ORDER BY si.assigned_at), '[]'::json)
     FROM supervision_items si WHERE si.owner_id = ${p.personId} AND si.assigned_at >= ${p.start} AND si.assigned_at < ${p.end}) AS items,
  (SELECT json_build_object('received', count(*), 'acknowledged', count(rr.acknowledged_at),
                            'list', coalesce(json_agg(json_build_object('id', rm.id, 'title', rm.title, 'sentAt', rm.sent_at, 'acknowledgedAt', rr.acknowledged_at)
                                                      ORDER BY rm.sent_at), '[]'::json))
     FROM reminder_recipients rr JOIN reminders rm ON rm.id = rr.reminder_id
    WHERE rr.user_id = ${p.personId} AND rm.sent_at >= ${p.start} AND rm.sent_at < ${p.end}) AS reminders,
  (SELECT coalesce(json_agg(json_build_object('id', d.id, 'kind', d.kind, 'eventDate', to_char(d.event_date, 'YYYY-MM-DD'), 'place', d.place,
                                              'guests', d.guests, 'tables', d.tables, 'acknowledgedAt', d.acknowledged_at) ORDER BY d.event_date), '[]'::json)
     FROM declarations d WHERE d.user_id = ${p.personId} AND d.event_date >= make_date(${p.year}, 1, 1) AND d.event_date < make_date(${p.year} + 1, 1, 1)) AS declarations`;

@Injectable()
export class DossierRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  person(id: string): Promise<DossierPerson | undefined> {
    return one<DossierPerson>(
      this.dataSource,
      sql`SELECT u.id, u.display_name AS "displayName", u.role, u.unit_id AS "unitId", un.name AS "unitName"
            FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = ${id}`,
    );
  }

  async sections(personId: string, start: Date, end: Date, year: number, viewerIsPerson: boolean): Promise<DossierSections> {
    const row = await one<DossierSections>(this.dataSource, sectionsSql({ personId, start, end, year, viewerIsPerson }));
    return row!;
  }

  async logAccess(personId: string, viewerId: string, year: number, format: string): Promise<void> {
    await many(this.dataSource, sql`INSERT INTO dossier_access_log (person_id, viewer_id, year, format) VALUES (${personId}, ${viewerId}, ${year}, ${format})`);
  }

  accessLog(personId: string, limit: number): Promise<AccessLogRow[]> {
    return many<AccessLogRow>(
      this.dataSource,
      sql`SELECT l.viewer_id AS "viewerId", u.display_name AS "displayName", l.at, l.year, l.format
            FROM dossier_access_log l JOIN users u ON u.id = l.viewer_id WHERE l.person_id = ${personId} ORDER BY l.at DESC, l.id DESC LIMIT ${limit}`,
    );
  }
}
