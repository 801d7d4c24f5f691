import { Form, Input, Select } from 'antd';
import { useUnits } from './sessions.queries';

/** The first two fields of a new session or series: the unit (one of the caller's) and the title. */
export function UnitAndTitleItems() {
  const units = useUnits();
  return (
    <>
      <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位' }]}>
        <Select showSearch optionFilterProp="label" options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item label="标题" name="title" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
