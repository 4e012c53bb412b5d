// The "Import" button of the account and contact lists: opens the wizard for that entity.
import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { hasRight } from '../../app/rights';
import { useMe } from '../../app/session';
import type { ImportEntity } from './api';

export const IMPORT_RIGHT = 'import:create';

export function ImportButton({ entity }: { entity: ImportEntity }) {
  const { t } = useTranslation('importer');
  const me = useMe();
  const navigate = useNavigate();
  if (!hasRight(me.rights, IMPORT_RIGHT) || !hasRight(me.rights, `${entity}:create`)) return null;
  return (
    <Button icon={<UploadOutlined />} onClick={() => navigate(`/imports/new?entity=${entity}`)}>
      {t('button')}
    </Button>
  );
}
