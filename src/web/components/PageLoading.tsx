import { Flex, Spin } from 'antd';

export function PageLoading({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <Flex
      align="center"
      justify="center"
      style={{ minHeight: 240, padding: 48 }}
      role="status"
      aria-live="polite"
    >
      <Spin />
      <span style={{ marginLeft: 12, color: '#666666' }}>{tip}</span>
    </Flex>
  );
}
