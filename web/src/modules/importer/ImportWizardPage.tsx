// The import wizard (SPEC I3): upload → map columns → preview → run with progress → summary. The job's
// status on the server decides the step, so reloading the page (or opening it from the history)
// resumes where the import is.
import { useEffect, useState, type ReactNode } from 'react';
import { App, Card, Steps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorView } from '../../components/QueryErrorView';
import { FullPageSpin } from '../../components/FullPageSpin';
import { isApiError } from '../../api/problem';
import {
  cancelImport,
  configureImport,
  fetchImport,
  fetchPreview,
  importsKey,
  isFinished,
  startImport,
  type ImportDetail,
} from './api';
import { UploadStep } from './UploadStep';
import { MapStep, type MapResult } from './MapStep';
import { PreviewStep } from './PreviewStep';
import { RunStep } from './RunStep';
import { accountsKey, contactsKey } from '../customer/api';

/** How often a running import's progress is polled. */
export const POLL_MS = 1000;

function Shell({ step, children }: { step: number; children: ReactNode }) {
  const { t } = useTranslation('importer');
  return (
    <>
      <PageHeader title={t('title')} />
      <Card>
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 24 }}
          items={['upload', 'map', 'preview', 'run', 'done'].map((k) => ({ title: t(`steps.${k}`) }))}
        />
        {children}
      </Card>
    </>
  );
}

export default function ImportWizardPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  if (!id) {
    const entity = search.get('entity') === 'contact' ? 'contact' : 'account';
    return (
      <Shell step={0}>
        <UploadStep
          entity={entity}
          onUploaded={(job) => {
            qc.setQueryData([...importsKey, job.id], job);
            void qc.invalidateQueries({ queryKey: [...importsKey, 'list'] });
            navigate(`/imports/${job.id}`);
          }}
        />
      </Shell>
    );
  }
  return <JobWizard id={Number(id)} />;
}

function JobWizard({ id }: { id: number }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [phase, setPhase] = useState<'map' | 'preview'>('map');
  const key = [...importsKey, id];
  const job = useQuery({
    queryKey: key,
    queryFn: () => fetchImport(id),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s && s !== 'uploaded' && !isFinished(s) ? POLL_MS : false;
    },
  });
  const uploaded = job.data?.status === 'uploaded';
  const samples = useQuery({ queryKey: [...key, 'samples'], queryFn: () => fetchPreview(id, 3), enabled: uploaded });
  const preview = useQuery({
    queryKey: [...key, 'preview', job.data?.version],
    queryFn: () => fetchPreview(id, 50),
    enabled: uploaded && phase === 'preview',
  });
  const fail = (e: unknown) => {
    if (isApiError(e)) message.error([e.message, ...e.fieldErrors.flatMap((f) => f.errors), ...e.otherErrors].join(' '));
    else message.error(e instanceof Error ? e.message : String(e));
  };
  const saved = (j: ImportDetail) => {
    qc.setQueryData(key, j);
    void qc.invalidateQueries({ queryKey: [...importsKey, 'list'] });
  };
  const configure = useMutation({
    mutationFn: (r: MapResult) => configureImport(job.data!, r),
    onSuccess: (j) => {
      saved(j);
      setPhase('preview');
    },
    onError: fail,
  });
  const start = useMutation({ mutationFn: () => startImport(id), onSuccess: saved, onError: fail });
  const cancel = useMutation({ mutationFn: () => cancelImport(id), onSuccess: saved, onError: fail });

  // Once rows have been written, lists of the entity must be read again.
  const finished = !!job.data && isFinished(job.data.status);
  const entity = job.data?.entity;
  useEffect(() => {
    if (finished) void qc.invalidateQueries({ queryKey: entity === 'contact' ? contactsKey : accountsKey });
  }, [finished, entity, qc]);

  if (job.isLoading) return <FullPageSpin />;
  if (job.error || !job.data) return <QueryErrorView error={job.error} />;
  const j = job.data;
  const step = uploaded ? (phase === 'map' ? 1 : 2) : isFinished(j.status) ? 4 : 3;
  return (
    <Shell step={step}>
      {uploaded && phase === 'map' && (
        <MapStep
          key={j.version}
          job={j}
          samples={(samples.data?.rows ?? []).map((r) => r.cells ?? [])}
          busy={configure.isPending}
          onNext={(r) => configure.mutate(r)}
        />
      )}
      {uploaded && phase === 'preview' && (preview.data ? (
        <PreviewStep job={j} preview={preview.data} busy={start.isPending} onBack={() => setPhase('map')} onStart={() => start.mutate()} />
      ) : preview.error ? (
        <QueryErrorView error={preview.error} />
      ) : (
        <FullPageSpin />
      ))}
      {!uploaded && <RunStep job={j} busy={cancel.isPending} onCancel={() => cancel.mutate()} />}
    </Shell>
  );
}
