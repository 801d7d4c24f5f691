import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { ApiError, errorText } from '../api/client';
import { PageState } from '../common/PageState';
import { CATALOG_KIND_LABELS } from '../sessions/labels';
import { MenuCourses } from '../sessions/SessionSummary';
import { useMenus } from '../sessions/sessions.queries';
import { useCatalog, useCreateCatalogItem, useCreateMenu } from './calendar.queries';
import { DEFAULT_REQUIRED_KINDS, explainServerMessage, missingMainKinds, missingMessage } from './menu-rules';

type Kind = Schemas['CatalogItemDto']['kind'];
const KIND_OPTIONS = Object.entries(CATALOG_KIND_LABELS).map(([value, label]) => ({ value, label }));

/** Organiser: study menus (套餐) and the menu builder that enforces the main courses. */
export default function MenusPage() {
  const menus = useMenus();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <MenuBuilder />
      <Card size="small" title="已有套餐">
        <PageState loading={menus.isPending} error={menus.error}>
          {menus.data?.items.length ? (
            <Row gutter={[12, 12]}>
              {menus.data.items.map((m) => (
                <Col key={m.id} xs={24} md={12}>
                  <Card size="small" title={m.name}>
                    <Typography.Text type="secondary">必点：{m.requiredKinds.map((k) => CATALOG_KIND_LABELS[k]).join('、')}</Typography.Text>
                    <MenuCourses courses={m.items} style={{ marginTop: 8 }} />
                  </Card>
                </Col>
              ))}
            </Row>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有套餐" />
          )}
        </PageState>
      </Card>
    </Space>
  );
}

interface BuilderForm {
  name: string;
  requiredKinds: Kind[];
  items: { catalogItemId?: string; course?: 'main' | 'side' }[];
}

function MenuBuilder() {
  const [form] = Form.useForm<BuilderForm>();
  const catalog = useCatalog();
  const create = useCreateMenu();
  const { message } = App.useApp();
  const [serverError, setServerError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const items = Form.useWatch('items', form) ?? [];
  const required = Form.useWatch('requiredKinds', form) ?? [...DEFAULT_REQUIRED_KINDS];
  const kindOf = new Map((catalog.data?.items ?? []).map((c) => [c.id, c.kind]));
  const missing = missingMainKinds(
    items.map((i) => ({ kind: i?.catalogItemId ? kindOf.get(i.catalogItemId) : undefined, course: i?.course })),
    required,
  );

  const submit = (v: BuilderForm) => {
    setServerError(null);
    create.mutate(
      { name: v.name, requiredKinds: v.requiredKinds, items: v.items.filter((i) => i.catalogItemId).map((i) => ({ catalogItemId: i.catalogItemId!, course: i.course ?? 'main' })) },
      {
        onSuccess: () => {
          message.success('套餐已保存');
          form.resetFields();
        },
        onError: (e) => setServerError(e instanceof ApiError && e.status === 400 ? explainServerMessage(e.message) : errorText(e)),
      },
    );
  };

  return (
    <Card size="small" title="套餐搭配" extra={<Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>新增学习内容</Button>}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ requiredKinds: [...DEFAULT_REQUIRED_KINDS], items: [{ course: 'main' }, { course: 'main' }, { course: 'main' }] }}
      >
        <Form.Item label="套餐名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写套餐名称' }]}>
          <Input maxLength={200} placeholder="如：十二月第一周集中学习套餐" />
        </Form.Item>
        <Form.Item label="必点类别（须各有一道主菜）" name="requiredKinds">
          <Checkbox.Group options={KIND_OPTIONS} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((f, idx) => (
                <Space key={f.key} wrap align="start" style={{ width: '100%' }}>
                  <Form.Item name={[f.name, 'catalogItemId']} style={{ marginBottom: 0, minWidth: 240 }} rules={[{ required: true, message: '请选择学习内容' }]}>
                    <Select
                      aria-label={`第 ${idx + 1} 道`}
                      showSearch
                      optionFilterProp="label"
                      placeholder={`第 ${idx + 1} 道：选择学习内容`}
                      style={{ width: 260, maxWidth: '100%' }}
                      options={(catalog.data?.items ?? []).map((c) => ({ value: c.id, label: `${CATALOG_KIND_LABELS[c.kind]}｜${c.title}` }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'course']} style={{ marginBottom: 0 }}>
                    <Radio.Group optionType="button" options={[{ value: 'main', label: '主菜' }, { value: 'side', label: '配菜' }]} />
                  </Form.Item>
                  <Button aria-label="删除" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ course: 'side' })}>
                加一道
              </Button>
            </Space>
          )}
        </Form.List>
        <div style={{ marginTop: 12 }}>
          {missing.length > 0 ? (
            <Alert type="warning" showIcon data-testid="menu-missing" message={missingMessage(missing)} />
          ) : (
            <Alert type="success" showIcon message="必点主菜已齐全" />
          )}
          {serverError && <Alert style={{ marginTop: 8 }} type="error" showIcon data-testid="menu-server-error" message="保存失败" description={serverError} />}
        </div>
        <Button style={{ marginTop: 12 }} type="primary" htmlType="submit" loading={create.isPending} disabled={missing.length > 0}>
          保存套餐
        </Button>
      </Form>
      <CatalogItemModal open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}

function CatalogItemModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Schemas['CreateCatalogItemDto']>();
  const create = useCreateCatalogItem();
  const { message } = App.useApp();
  return (
    <Modal open={open} title="新增学习内容" okText="保存" cancelText="取消" confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'theory' }}
        onFinish={(v) =>
          create.mutate(
            { ...v, summary: v.summary || undefined, materialUrl: v.materialUrl || undefined },
            {
              onSuccess: () => {
                message.success('已加入学习内容库');
                form.resetFields();
                onClose();
              },
              onError: (e) => message.error(errorText(e)),
            },
          )
        }
      >
        <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="类别" name="kind" rules={[{ required: true }]}>
          <Select options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="简介" name="summary">
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label="资料链接" name="materialUrl" rules={[{ type: 'url', message: '请填写完整网址' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="时长（分钟）" name="durationMinutes">
          <InputNumber min={1} max={1440} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
