import { Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { Section, SimpleList } from '../common/Section';
import { useMe } from '../identity/identity.queries';
import { FollowUpTable } from './FollowUpTable';
import { TALK_KIND } from './labels';
import { useTalkFollowUps, useTalks } from './talks.queries';

/** A person's own integrity talks (as talkee) and the follow-ups they must complete, with deadlines and 三色预警. */
export default function MyTalksPage() {
  const me = useMe();
  const myId = me.data?.id;
  const talks = useTalks({ talkeeId: myId }, Boolean(myId));
  const followUps = useTalkFollowUps({ ownerId: myId });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Section title="跟踪问效事项">
        <PageState loading={followUps.isPending} error={followUps.error}>
          <FollowUpTable items={followUps.data?.items ?? []} />
        </PageState>
      </Section>
      <Section title="我的廉政谈话">
        <PageState loading={talks.isPending} error={talks.error}>
          {talks.data?.items.length ? (
            <SimpleList
              items={talks.data.items}
              keyOf={(t) => t.id}
              render={(t) => (
                <div>
                  <Tag color="red">{TALK_KIND[t.kind]}</Tag>
                  <Typography.Text strong>{formatDateTime(t.at)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' '}
                    · 谈话人 {t.talkerName}
                    {t.place && ` · ${t.place}`}
                  </Typography.Text>
                  {t.summary && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{t.summary}</Typography.Paragraph>}
                  {t.response && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>本人表态：{t.response}</Typography.Paragraph>}
                </div>
              )}
            />
          ) : (
            <Typography.Text type="secondary">暂无谈话记录</Typography.Text>
          )}
        </PageState>
      </Section>
    </Space>
  );
}
