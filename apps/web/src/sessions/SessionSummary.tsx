import { Space, Tag } from 'antd';
import type { CSSProperties } from 'react';
import { EnvironmentOutlined, ClockCircleOutlined } from '@ant-design/icons';
import type { Schemas } from '../api/client';
import { formatDateTimeWeekday, formatTime } from '../common/org-time';
import { Text } from '../common/Text';
import { CATALOG_KIND_LABELS, COURSE_LABELS, SESSION_KIND_LABELS } from './labels';

/** Kind, time, place and menu courses of one session. */
export function SessionSummary({ session, showMenu = true }: { session: Schemas['SessionDto']; showMenu?: boolean }) {
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap size={4}>
        <Tag color="red">{SESSION_KIND_LABELS[session.kind]}</Tag>
        <Text strong>{session.title}</Text>
      </Space>
      <Text type="secondary">
        <ClockCircleOutlined /> {formatDateTimeWeekday(session.startsAt)} – {formatTime(session.endsAt)}
      </Text>
      {session.location && (
        <Text type="secondary">
          <EnvironmentOutlined /> {session.location}
        </Text>
      )}
      {showMenu && session.menu.length > 0 && <MenuCourses courses={session.menu} />}
    </Space>
  );
}

type Course = Pick<Schemas['SessionDto']['menu'][number], 'position' | 'course' | 'kind' | 'title'>;

/** A menu's courses as tags, the main ones (theory, history, song) in colour. */
export function MenuCourses({ courses, style }: { courses: Course[]; style?: CSSProperties }) {
  return (
    <div style={style}>
      {courses.map((m) => (
        <Tag key={m.position} color={m.course === 'main' ? 'volcano' : 'default'} style={{ marginBottom: 4 }}>
          {COURSE_LABELS[m.course]}·{CATALOG_KIND_LABELS[m.kind]}：{m.title}
        </Tag>
      ))}
    </div>
  );
}
