import { Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { workingDaysBetween } from '../../../../../shared/calendar/working-days';

export type PublishValues = { range: [Dayjs, Dayjs]; objectionContact: string };

/** How many calendar and working days the chosen publicity dates cover (issue 16 minor). */
export function PublicityDaysNote({ form }: { form: ReturnType<typeof Form.useForm<PublishValues>>[0] }) {
  const range = Form.useWatch('range', form) as [Dayjs | null, Dayjs | null] | undefined;
  if (!range?.[0] || !range[1]) return null;
  const d = workingDaysBetween(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
  if (d.calendarDays === 0) return null;
  return (
    <span id="publicity-working-days">
      所选公示期共 {d.calendarDays} 个自然日，其中 {d.workingDays} 个工作日
      {d.complete ? '（已扣除法定节假日，计入调休上班日）' : '（该年法定节假日安排未录入，按周一至周五计）'}。
    </span>
  );
}
