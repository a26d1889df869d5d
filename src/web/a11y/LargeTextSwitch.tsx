import { Switch } from 'antd';
import { useId } from 'react';
import { useLargeText } from './largeText';

/** The header's 大字模式 switch; its visible text is its accessible name. */
export function LargeTextSwitch({ color }: { color?: string }) {
  const { large, setLarge } = useLargeText();
  const id = useId();
  return (
    <span className="large-text-switch" style={color ? { color } : undefined}>
      <Switch id={id} size="small" checked={large} onChange={setLarge} data-testid="large-text-switch" />
      <label htmlFor={id}>大字模式</label>
    </span>
  );
}
