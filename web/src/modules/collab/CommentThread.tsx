// <CommentThread entity recordId />: the discussion on a record (SPEC X1) — comments oldest first,
// a box to write one with @mentions, edit and delete of one's own. Bodies are shown as plain text
// (React escapes them), so a pasted script is just text.
import { useState } from 'react';
import { App, Avatar, Button, Empty, Flex, List, Popconfirm, Space, Typography } from 'antd';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { useErrorNotifier } from '../../components/useErrorNotifier';
import { QueryErrorView } from '../../components/QueryErrorView';
import { LoadMore } from '../../components/LoadMore';
import { commentsKey, createComment, deleteComment, fetchComments, updateComment } from './api';
import { mentionIds, splitMentions } from './mentions';
import { MentionInput } from './MentionInput';
import type { Comment, CommentEntity, NotNotified, Picked } from './types';

export interface CommentThreadProps {
  entity: CommentEntity;
  recordId: number;
}

export function CommentBodyText({ c }: { c: Comment }) {
  const parts = splitMentions(c.body, (c.mentions ?? []).map((m) => m.name));
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="comment-body">
      {parts.map((p, i) => (p.mention ? <Typography.Text key={i} strong>{p.text}</Typography.Text> : <span key={i}>{p.text}</span>))}
    </Typography.Paragraph>
  );
}

export function CommentThread({ entity, recordId }: CommentThreadProps) {
  const { t } = useTranslation('collab');
  const fmt = useFormat();
  const qc = useQueryClient();
  const { message, notification } = App.useApp();
  const notifyError = useErrorNotifier();
  const key = [...commentsKey, entity, recordId];
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchComments(entity, recordId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Picked[]>([]);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [editText, setEditText] = useState('');
  const [editPicked, setEditPicked] = useState<Picked[]>([]);

  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const tellSkipped = (skipped: NotNotified[]) => {
    const others = skipped.filter((s) => s.reason !== 'self');
    if (others.length === 0) return;
    notification.warning({
      title: t('comment.notNotifiedTitle'),
      description: others.map((s) => t(`comment.reason.${s.reason}`, { name: s.user.name })).join('\n'),
    });
  };

  const send = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      const saved = await createComment(entity, recordId, text, mentionIds(text, picked));
      setText('');
      setPicked([]);
      tellSkipped(saved.notNotified ?? []);
      await refresh();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const saveEdit = async (c: Comment) => {
    setBusy(true);
    try {
      const all = [...(c.mentions ?? []), ...editPicked];
      const saved = await updateComment(c.id, editText, mentionIds(editText, all));
      setEditing(null);
      tellSkipped(saved.notNotified ?? []);
      await refresh();
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (c: Comment) => {
    try {
      await deleteComment(c.id);
      message.success(t('comment.deleted'));
      await refresh();
    } catch (err) {
      notifyError(err);
    }
  };

  if (list.error) return <QueryErrorView error={list.error} />;
  const items = list.data?.pages.flatMap((p) => p.items ?? []) ?? [];

  return (
    <div data-testid="comment-thread">
      {items.length === 0 && !list.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('comment.empty')} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={items}
          rowKey="id"
          renderItem={(c) => (
            <List.Item
              data-testid={`comment-${c.id}`}
              actions={
                editing === c.id
                  ? []
                  : [
                      c.canEdit && (
                        <Button key="edit" size="small" type="link" onClick={() => { setEditing(c.id); setEditText(c.body); setEditPicked([]); }}>
                          {t('common:edit')}
                        </Button>
                      ),
                      c.canDelete && (
                        <Popconfirm key="del" title={t('comment.deleteConfirm')} okText={t('common:delete')} cancelText={t('common:cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(c)}>
                          <Button size="small" type="link" danger>
                            {t('common:delete')}
                          </Button>
                        </Popconfirm>
                      ),
                    ].filter(Boolean)
              }
            >
              <List.Item.Meta
                avatar={<Avatar>{c.author.name.slice(0, 1).toUpperCase()}</Avatar>}
                title={
                  <Space size="small" wrap>
                    <Typography.Text strong>{c.author.name}</Typography.Text>
                    <Typography.Text type="secondary">{fmt.dateTime(c.createdAt)}</Typography.Text>
                    {c.edited && <Typography.Text type="secondary">{t('comment.edited')}</Typography.Text>}
                  </Space>
                }
                description={
                  editing === c.id ? (
                    <Space direction="vertical" style={{ width: '100%' }}>
                      <MentionInput value={editText} onChange={setEditText} picked={editPicked} onPick={(p) => setEditPicked((ps) => [...ps, p])} autoFocus />
                      <Space>
                        <Button size="small" type="primary" loading={busy} disabled={!editText.trim()} onClick={() => saveEdit(c)}>
                          {t('common:save')}
                        </Button>
                        <Button size="small" onClick={() => setEditing(null)}>
                          {t('common:cancel')}
                        </Button>
                      </Space>
                    </Space>
                  ) : (
                    <CommentBodyText c={c} />
                  )
                }
              />
            </List.Item>
          )}
        />
      )}
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <Flex vertical gap={8} style={{ marginTop: 12 }}>
        <MentionInput value={text} onChange={setText} picked={picked} onPick={(p) => setPicked((ps) => [...ps, p])} />
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{t('comment.hint')}</Typography.Text>
          <Button type="primary" loading={busy} disabled={!text.trim()} onClick={() => void send()}>
            {t('comment.send')}
          </Button>
        </Flex>
      </Flex>
    </div>
  );
}
