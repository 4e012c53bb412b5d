package collab

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// SweepArgs is the periodic reminder sweep.
type SweepArgs struct{}

// Kind implements river.JobArgs.
func (SweepArgs) Kind() string { return "collab_reminder_sweep" }

// SweepInterval is how often due reminders are looked for: a reminder goes out at most this late.
const SweepInterval = 30 * time.Second

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	svc *Service
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	n, err := w.svc.Sweep(ctx)
	if err == nil && n > 0 && w.svc.logger != nil {
		w.svc.logger.InfoContext(ctx, "reminders sent", "count", n)
	}
	return err
}

type reminderMailWorker struct {
	river.WorkerDefaults[ReminderMailArgs]
	svc *Service
}

func (w *reminderMailWorker) Work(ctx context.Context, job *river.Job[ReminderMailArgs]) error {
	return w.svc.SendReminderMail(ctx, job.Args)
}

// RegisterJobs adds collab's workers and its periodic sweep. River runs periodic jobs on the elected
// leader only, so one node sweeps per tick; the sweep's conditional claim keeps it safe even if two did.
func (s *Service) RegisterJobs(workers *river.Workers) []*river.PeriodicJob {
	river.AddWorker(workers, &sweepWorker{svc: s})
	river.AddWorker(workers, &reminderMailWorker{svc: s})
	return []*river.PeriodicJob{
		river.NewPeriodicJob(river.PeriodicInterval(SweepInterval),
			func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true, ID: "collab_reminder_sweep"}),
	}
}
