// Step 1: choose what to import and upload a CSV or Excel file.
import { useState } from 'react';
import { Alert, App, Button, Flex, Radio, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/problem';
import { download, templateUrl, uploadImport, type ImportDetail, type ImportEntity } from './api';

export function UploadStep({ entity: initial, onUploaded }: { entity: ImportEntity; onUploaded: (job: ImportDetail) => void }) {
  const { t } = useTranslation('importer');
  const { message } = App.useApp();
  const [entity, setEntity] = useState<ImportEntity>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      onUploaded(await uploadImport(entity, file));
    } catch (e) {
      if (isApiError(e)) {
        const details = [...e.fieldErrors.flatMap((f) => f.errors), ...e.otherErrors];
        setError(details.length ? details.join(' ') : e.message);
      } else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const template = (format: 'csv' | 'xlsx') =>
    download(templateUrl(entity, format), `${entity}-import-template.${format}`).catch((e: Error) => message.error(e.message));

  return (
    <Flex vertical gap="middle">
      <Flex gap="middle" align="center" wrap>
        <Typography.Text>{t('upload.entity')}</Typography.Text>
        <Radio.Group
          value={entity}
          onChange={(e) => setEntity(e.target.value as ImportEntity)}
          optionType="button"
          options={[
            { value: 'account', label: t('entity.account') },
            { value: 'contact', label: t('entity.contact') },
          ]}
        />
      </Flex>
      <Upload.Dragger
        accept=".csv,.xlsx,.txt,.tsv"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{busy ? t('upload.uploading') : t('upload.drop')}</p>
        <p className="ant-upload-hint">{t('upload.hint')}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={t('upload.failed')} description={error} />}
      <Flex gap="small" wrap align="center">
        <Typography.Text type="secondary">{t('upload.template')}</Typography.Text>
        <Button size="small" icon={<DownloadOutlined />} onClick={() => void template('xlsx')}>
          Excel
        </Button>
        <Button size="small" icon={<DownloadOutlined />} onClick={() => void template('csv')}>
          CSV
        </Button>
      </Flex>
    </Flex>
  );
}
