import { App, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import type { Schemas } from '../api/client';
import { errorText } from '../api/client';
import { orgToday } from '../common/org-time';
import { PageState } from '../common/PageState';
import { Section, SimpleList } from '../common/Section';
import { useFileDeclaration, useMyDeclarations } from './declarations.queries';
import { DeclarationStatus, scale } from './DeclarationStatus';
import { DECLARATION_KIND } from './labels';

interface DeclarationForm {
  kind: Schemas['CreateDeclarationDto']['kind'];
  eventDate: Dayjs;
  place: string;
  guests?: number;
  tables?: number;
  note?: string;
}

/** A member's own declarations (婚丧喜庆事宜报备): file one before the event, see whether it was acknowledged. */
export default function MyDeclarationsPage() {
  const mine = useMyDeclarations();
  const file = useFileDeclaration();
  const [form] = Form.useForm<DeclarationForm>();
  const { message } = App.useApp();
  const today = orgToday();

  const submit = (v: DeclarationForm) =>
    file.mutate(
      { kind: v.kind, eventDate: v.eventDate.format('YYYY-MM-DD'), place: v.place, guests: v.guests ?? null, tables: v.tables ?? null, note: v.note || null },
      {
        onSuccess: () => {
          message.success('已报备，待组织员确认');
          form.resetFields();
        },
        onError: (e) => message.error(errorText(e)),
      },
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="婚丧喜庆事宜报备" size="small">
        <Typography.Paragraph type="secondary">操办婚丧喜庆事宜，须在事前向本单位组织员报备。</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'wedding' }}>
          <Space wrap align="start">
            <Form.Item label="事项" name="kind" rules={[{ required: true }]}>
              <Select style={{ minWidth: 140 }} options={Object.entries(DECLARATION_KIND).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item label="日期" name="eventDate" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') <= today} placeholder="须晚于今天" defaultPickerValue={dayjs(today).add(1, 'day')} />
            </Form.Item>
          </Space>
          <Form.Item label="地点" name="place" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Space wrap>
            <Form.Item label="人数" name="guests">
              <InputNumber min={0} max={100000} />
            </Form.Item>
            <Form.Item label="桌数" name="tables">
              <InputNumber min={0} max={10000} />
            </Form.Item>
          </Space>
          <Form.Item label="说明" name="note">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={file.isPending}>
            提交报备
          </Button>
        </Form>
      </Card>
      <Section title="我的报备">
        <PageState loading={mine.isPending} error={mine.error}>
          {mine.data?.items.length ? (
            <SimpleList
              items={mine.data.items}
              keyOf={(d) => d.id}
              render={(d) => (
                <div>
                  <Link to={`/declarations/${d.id}`}>
                    {DECLARATION_KIND[d.kind]} · {d.eventDate} · {d.place}
                  </Link>{' '}
                  <DeclarationStatus declaration={d} />
                  <div>
                    <Typography.Text type="secondary">规模：{scale(d)}</Typography.Text>
                    {d.comment && <Typography.Text type="secondary"> · 意见：{d.comment}</Typography.Text>}
                  </div>
                </div>
              )}
            />
          ) : (
            <Typography.Text type="secondary">暂无报备</Typography.Text>
          )}
        </PageState>
      </Section>
    </Space>
  );
}
