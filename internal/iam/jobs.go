package iam

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

type resetMailWorker struct {
	river.WorkerDefaults[PasswordResetArgs]
	svc *Service
}

func (w *resetMailWorker) Work(ctx context.Context, job *river.Job[PasswordResetArgs]) error {
	return w.svc.SendResetMail(ctx, job.Args)
}

// CleanupArgs is the periodic clean-up of expired sessions, reset tokens, throttles and idempotency keys.
type CleanupArgs struct{}

// Kind implements river.JobArgs.
func (CleanupArgs) Kind() string { return "iam_cleanup" }

type cleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	svc *Service
}

func (w *cleanupWorker) Work(ctx context.Context, _ *river.Job[CleanupArgs]) error {
	n, err := w.svc.Cleanup(ctx)
	if err == nil && n > 0 {
		w.svc.logger.InfoContext(ctx, "expired security records removed", "rows", n)
	}
	return err
}

// CleanupInterval is how often the clean-up runs.
const CleanupInterval = 15 * time.Minute

// RegisterJobs adds iam's workers and periodic jobs.
func (s *Service) RegisterJobs(workers *river.Workers) []*river.PeriodicJob {
	river.AddWorker(workers, &resetMailWorker{svc: s})
	river.AddWorker(workers, &cleanupWorker{svc: s})
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(CleanupInterval),
			func() (river.JobArgs, *river.InsertOpts) { return CleanupArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "iam_cleanup"}),
	}
}
