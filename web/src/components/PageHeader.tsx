import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Page title with optional actions on the right; wraps on narrow screens. */
export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" wrap gap="small" style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {extra && <Flex gap="small" wrap>{extra}</Flex>}
    </Flex>
  );
}
