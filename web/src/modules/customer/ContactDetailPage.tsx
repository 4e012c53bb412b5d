// /contacts/:id — a contact's profile and interaction history (SPEC C2, C3).
import { Card, Descriptions, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { getFieldValue, isCustomField, useEntityMeta } from '../../components/record';
import { renderValue } from '../../components/record/renderValue';
import { useFormat } from '../../lib/useFormat';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { FullPageSpin } from '../../components/FullPageSpin';
import { Timeline } from '../activity/Timeline';
import { CommentThread } from '../collab/CommentThread';
import { contactsKey } from './api';
import type { Contact } from './types';

const SHOWN = ['title', 'buyingRole', 'phone', 'mobile', 'email', 'birthday', 'preferredChannel', 'consent'];

export default function ContactDetailPage() {
  const { t } = useTranslation('customer');
  const { t: ta } = useTranslation('activity');
  const { t: tc } = useTranslation();
  const fmt = useFormat();
  const id = Number(useParams().id);
  const meta = useEntityMeta('contact').meta;
  const q = useQuery({ queryKey: [...contactsKey, 'one', id], queryFn: () => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id } } })) });
  if (q.error) return <QueryErrorView error={q.error} />;
  if (q.isPending) return <FullPageSpin />;
  const c: Contact = q.data;
  const values = c as unknown as Record<string, unknown>;
  const byName = new Map((meta?.fields ?? []).map((f) => [f.name, f]));
  return (
    <>
      <PageHeader title={c.name} />
      <Card size="small" title={ta('c360.contactProfile')} style={{ marginBottom: 16 }}>
        {c.masked && <Tag color="orange">{t('masked')}</Tag>}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={byName.get('accountId')?.label ?? 'accountId'}>
            <Link to={`/accounts/${c.accountId}`}>{c.accountName ?? c.accountId}</Link>
          </Descriptions.Item>
          {SHOWN.filter((f) => byName.has(f)).map((f) => (
            <Descriptions.Item key={f} label={byName.get(f)!.label}>
              {renderValue(byName.get(f)!, values[f], values, fmt, tc)}
            </Descriptions.Item>
          ))}
          {(meta?.fields ?? [])
            .filter((f) => isCustomField(f.name))
            .map((f) => (
              <Descriptions.Item key={f.name} label={f.label}>
                {renderValue(f, getFieldValue(values, f.name), values, fmt, tc)}
              </Descriptions.Item>
            ))}
          <Descriptions.Item label={byName.get('ownerId')?.label ?? 'ownerId'}>{c.ownerName ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={tc('collab:comment.title')} style={{ marginBottom: 16 }}>
        <CommentThread entity="contact" recordId={id} />
      </Card>
      <Card size="small" title={ta('c360.timeline')}>
        <Timeline entity="contact" id={id} />
      </Card>
    </>
  );
}
