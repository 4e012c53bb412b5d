import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';

/** "Load more" under a cursor-paginated list; hidden when there is no next page. */
export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Flex justify="center" style={{ marginTop: 12 }}>
      <Button onClick={onClick} loading={loading}>
        {t('loadMore')}
      </Button>
    </Flex>
  );
}
