import { Input } from 'antd';
import { normalizeAmountOnBlur } from '../../pages/qiye/filing/model';

export interface AmountInputProps {
  id?: string;
  value: unknown;
  onChange: (value: string) => void;
  onBlur?: () => void;
  disabled?: boolean;
  allowNegative?: boolean;
  status?: 'error' | 'warning' | '';
  ariaLabel?: string;
}

/**
 * A 万元 amount as TEXT (never a number spinner): accepts "1,234.56", spaces and full-width digits, and normalises
 * them with the shared parseAmount when the field loses focus. A wrong entry stays as typed; the message beside
 * the field comes from the same validation the server runs.
 */
export function AmountInput({
  id,
  value,
  onChange,
  onBlur,
  disabled,
  allowNegative,
  status,
  ariaLabel,
}: AmountInputProps) {
  const text = value === null || value === undefined ? '' : String(value);
  return (
    <Input
      id={id}
      value={text}
      inputMode="decimal"
      autoComplete="off"
      suffix="万元"
      disabled={disabled}
      status={status || undefined}
      aria-label={ariaLabel}
      placeholder="例如 1234.56"
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => {
        const r = normalizeAmountOnBlur(text, { allowNegative });
        if (r.value !== text) onChange(r.value);
        onBlur?.();
      }}
    />
  );
}
