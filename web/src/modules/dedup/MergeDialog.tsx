// The merge dialog (SPEC C6): both records field by field, a radio per differing field (default: the
// kept record's value unless it is empty), a summary of what moves, and confirm. The kept record can
// be swapped. The merge runs in one request with If-Match on the kept record's version.
import { useMemo, useState } from 'react';
import { App, Alert, Modal, Radio, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEntityMeta } from '../../components/record';
import { renderValue } from '../../components/record/renderValue';
import { QueryErrorView } from '../../components/QueryErrorView';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { useFormat } from '../../lib/useFormat';
import { duplicatesKey, fetchRecord, mergeRecords, previewMerge } from './api';
import { choicesOf, mergeRows, unitedTags, type MergeRecord, type MergeRow } from './mergeChoices';
import type { Choice, DedupEntity, MergeResult, PairSide } from './types';

export interface MergeDialogProps {
  entity: DedupEntity;
  /** The pair; a (the older record) is kept unless the user swaps. */
  a: PairSide;
  b: PairSide;
  open: boolean;
  onClose: () => void;
  onDone: (res: MergeResult) => void;
}

export function MergeDialog({ entity, a, b, open, onClose, onDone }: MergeDialogProps) {
  const { t } = useTranslation('dedup');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const notifyError = useErrorNotifier();
  const [keepA, setKeepA] = useState(true);
  const [overrides, setOverrides] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState(false);
  const survivorId = keepA ? a.id : b.id;
  const mergedId = keepA ? b.id : a.id;
  const meta = useEntityMeta(entity);
  const recA = useQuery({ queryKey: [...duplicatesKey, 'record', entity, a.id], enabled: open, queryFn: () => fetchRecord(entity, a.id) });
  const recB = useQuery({ queryKey: [...duplicatesKey, 'record', entity, b.id], enabled: open, queryFn: () => fetchRecord(entity, b.id) });
  const moved = useQuery({
    queryKey: [...duplicatesKey, 'preview', entity, survivorId, mergedId],
    enabled: open,
    queryFn: () => previewMerge(entity, survivorId, mergedId),
  });
  const survivor = (keepA ? recA.data : recB.data) as MergeRecord | undefined;
  const merged = (keepA ? recB.data : recA.data) as MergeRecord | undefined;
  const rows = useMemo(
    () => (survivor && merged && meta.meta ? mergeRows(entity, meta.meta.fields ?? [], survivor, merged) : []),
    [entity, survivor, merged, meta.meta],
  );
  const error = recA.error ?? recB.error ?? moved.error ?? meta.error;

  const swap = (v: string) => {
    setKeepA(v === 'a');
    setOverrides({});
  };

  const submit = async () => {
    if (!survivor) return;
    setBusy(true);
    try {
      const res = await mergeRecords(entity, survivor.id, survivor.version as number, mergedId, choicesOf(rows, overrides));
      message.success(t('dialog.done', { contacts: res.moved.contacts, activities: res.moved.activities, comments: res.moved.comments }));
      onDone(res);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const show = (row: MergeRow, value: unknown, rec: MergeRecord) =>
    renderValue(row.field, value, rec as Record<string, unknown>, fmt, tc);
  const cell = (row: MergeRow, side: Choice) => {
    const rec = side === 'survivor' ? survivor! : merged!;
    const value = side === 'survivor' ? row.survivor : row.merged;
    if (!row.differs) return show(row, value, rec);
    if (row.locked && side === 'merged') return <Typography.Text type="secondary">{t('dialog.masked')}</Typography.Text>;
    const chosen = (overrides[row.field.name] ?? row.choice) === side;
    return (
      <Radio
        checked={chosen}
        disabled={row.locked}
        aria-label={`${t('dialog.choose', { field: row.field.label })}: ${side === 'survivor' ? t('dialog.survivor') : t('dialog.merged')}`}
        onChange={() => setOverrides((o) => ({ ...o, [row.field.name]: side }))}
      >
        {show(row, value, rec)}
      </Radio>
    );
  };

  const ready = !!survivor && !!merged && !!meta.meta;
  return (
    <Modal
      open={open}
      title={t('dialog.title')}
      width={860}
      okText={t('dialog.confirm')}
      cancelText={tc('cancel')}
      okButtonProps={{ disabled: !ready, loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? (
        <QueryErrorView error={error} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>{t('dialog.keep')}</Typography.Text>
            <Segmented
              value={keepA ? 'a' : 'b'}
              onChange={(v) => swap(String(v))}
              options={[
                { value: 'a', label: `${a.name} (#${a.id})` },
                { value: 'b', label: `${b.name} (#${b.id})` },
              ]}
            />
          </Space>
          <Typography.Text type="secondary">{t('dialog.keepHint')}</Typography.Text>
          <Table<MergeRow>
            size="small"
            pagination={false}
            loading={!ready}
            rowKey={(r) => r.field.name}
            dataSource={rows}
            columns={[
              { key: 'field', title: t('dialog.field'), width: 160, render: (_, r) => (
                <Space size={4}>
                  {r.field.label}
                  {!r.differs && <Tag>{t('dialog.same')}</Tag>}
                </Space>
              ) },
              { key: 'survivor', title: t('dialog.survivor'), render: (_, r) => cell(r, 'survivor') },
              { key: 'merged', title: t('dialog.merged'), render: (_, r) => cell(r, 'merged') },
            ]}
          />
          {survivor && merged && (
            <Typography.Text>
              {t('dialog.tags')}: {unitedTags(survivor, merged).map((tag) => <Tag key={tag}>{tag}</Tag>)}
            </Typography.Text>
          )}
          {moved.data && (
            <Alert
              type="info"
              showIcon
              title={entity === 'account' ? t('dialog.moves', moved.data) : t('dialog.movesContact', moved.data)}
              description={t('dialog.history')}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
