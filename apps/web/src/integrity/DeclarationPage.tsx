import { App, Button, Card, Descriptions, Input, Result, Space } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, errorText } from '../api/client';
import { formatDateTime } from '../common/org-time';
import { PageState } from '../common/PageState';
import { useMe } from '../identity/identity.queries';
import { hasRole, ROLES } from '../identity/roles';
import { useAcknowledgeDeclaration, useDeclaration } from './declarations.queries';
import { DeclarationStatus, scale } from './DeclarationStatus';
import { DECLARATION_KIND } from './labels';

/** One declaration, opened from its notification: the person reads the outcome; an organiser of their units acknowledges it. */
export default function DeclarationPage() {
  const { id = '' } = useParams();
  const declaration = useDeclaration(id);
  const me = useMe();
  const acknowledge = useAcknowledgeDeclaration();
  const [comment, setComment] = useState('');
  const { message } = App.useApp();
  if (declaration.error instanceof ApiError && declaration.error.status === 404) {
    return <Result status="404" title="未找到该报备" subTitle="报备不存在，或您无权查看。" />;
  }
  const d = declaration.data;
  const mayAcknowledge = d && !d.acknowledgedAt && d.userId !== me.data?.id && hasRole(me.data?.role, ROLES.organisers);
  return (
    <PageState loading={declaration.isPending} error={declaration.error}>
      {d && (
        <Card title={`婚丧喜庆事宜报备：${d.displayName}`} extra={<DeclarationStatus declaration={d} />}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="事项">{DECLARATION_KIND[d.kind]}</Descriptions.Item>
            <Descriptions.Item label="日期">{d.eventDate}</Descriptions.Item>
            <Descriptions.Item label="地点">{d.place}</Descriptions.Item>
            <Descriptions.Item label="规模">{scale(d)}</Descriptions.Item>
            <Descriptions.Item label="说明">{d.note ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="报备时间">{formatDateTime(d.createdAt)}</Descriptions.Item>
            {d.acknowledgedAt && <Descriptions.Item label="确认意见">{d.comment ?? '—'}</Descriptions.Item>}
          </Descriptions>
          {mayAcknowledge && (
            <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
              <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} placeholder="确认意见（可选），如：从简办理" maxLength={2000} autoSize={{ minRows: 2 }} />
              <Button
                type="primary"
                loading={acknowledge.isPending}
                onClick={() => acknowledge.mutate({ id, comment }, { onSuccess: () => message.success('已确认'), onError: (e) => message.error(errorText(e)) })}
              >
                确认报备
              </Button>
            </Space>
          )}
        </Card>
      )}
    </PageState>
  );
}
