// Opens the activity named by ?open=<id> (the link of activity notifications and reminder e-mails) in
// the activity editor, which shows its comment thread. Rendered once by the activities page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryErrorView } from '../../components/QueryErrorView';
import { ActivityEditor } from '../activity/ActivityEditor';
import { activitiesKey } from '../activity/api';

export function OpenActivityFromQuery() {
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const id = Number(params.get('open') ?? 0);
  const activity = useQuery({
    queryKey: [...activitiesKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/activities/{id}', { params: { path: { id } } })),
    enabled: id > 0,
  });
  const close = () => {
    const next = new URLSearchParams(params);
    next.delete('open');
    setParams(next, { replace: true });
  };
  if (id <= 0) return null;
  if (activity.error) return <QueryErrorView error={activity.error} />;
  if (!activity.data) return null;
  return (
    <ActivityEditor
      activity={activity.data}
      open
      onClose={close}
      onSaved={() => {
        close();
        void qc.invalidateQueries({ queryKey: activitiesKey });
      }}
    />
  );
}
