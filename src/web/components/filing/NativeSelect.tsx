import './pill.css';

export interface NativeSelectProps {
  id?: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
  disabled?: boolean;
  status?: 'error' | 'warning' | '';
  ariaLabel?: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
}

/**
 * The browser's own select, styled like the other inputs: accessible, keyboard-friendly (type to jump), works the
 * same on phones, and keeps the filing editor's first load small.
 */
export function NativeSelect({
  id,
  value,
  options,
  placeholder = '请选择',
  disabled,
  status,
  ariaLabel,
  onChange,
  onBlur,
}: NativeSelectProps) {
  const v = value ?? '';
  const known = v === '' || options.some((o) => o.value === v);
  return (
    <select
      id={id}
      className={`native-select${status ? ` is-${status}` : ''}${v === '' ? ' is-empty' : ''}`}
      value={v}
      disabled={disabled}
      aria-label={ariaLabel}
      aria-invalid={status === 'error' || undefined}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
    >
      <option value="">{placeholder}</option>
      {!known && <option value={v}>{v}（无效的取值，请重新选择）</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
