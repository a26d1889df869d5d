import { DatePicker, type DatePickerProps } from 'antd';
import dayjs from 'dayjs';

const FORMAT = 'YYYY-MM-DD';

export type DateFieldProps = Omit<
  DatePickerProps,
  'value' | 'defaultValue' | 'onChange' | 'format' | 'picker' | 'multiple'
> & {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
};

/**
 * antd's date picker (zh_CN: 年/月/日, 今天, Chinese month and day names) holding a plain 'YYYY-MM-DD' string, so
 * forms and APIs keep their string dates. Replaces the browser's own <input type="date">, whose display follows
 * the browser's UI language ("mm/dd/yyyy" on an English Chrome). Typing a date (2015-06-18) and Enter works.
 */
export default function DatePickerField({ value, onChange, ...rest }: DateFieldProps) {
  const parsed = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value, FORMAT) : null;
  return (
    <DatePicker
      {...rest}
      format={FORMAT}
      value={parsed}
      onChange={(d) => onChange?.(d ? dayjs(d as dayjs.Dayjs).format(FORMAT) : undefined)}
    />
  );
}
