import { Form, TreeSelect, Typography } from 'antd';
import { useUnits } from '../sessions/sessions.queries';
import { PersonSearchSelect } from './PersonSearchSelect';
import { unitTree } from './unit-tree';

/**
 * Who something goes to (a reflection assignment, a holiday reminder): units with everyone below them,
 * and people found by name, as the form fields `unitIds` and `userIds`; the api takes their union.
 */
export function AudienceItems({ note }: { note: string }) {
  const units = useUnits();
  return (
    <>
      <Typography.Text type="secondary">{note}</Typography.Text>
      <Form.Item label="单位（含下级单位全体人员）" name="unitIds">
        <TreeSelect multiple treeDefaultExpandAll treeData={unitTree(units.data ?? [])} placeholder="选择单位" />
      </Form.Item>
      <Form.Item label="人员" name="userIds">
        <PersonSearchSelect multiple />
      </Form.Item>
    </>
  );
}
