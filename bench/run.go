package main

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// opTimeout bounds one request or one raw operation alike; a slower one counts as an error.
const opTimeout = 60 * time.Second

// measure is the outcome of one side of a scenario.
type measure struct {
	p50, p95, p99 time.Duration
	throughput    float64 // successful operations per second
	requests      uint64
	success       float64 // ratio of successful operations
	errors        []string
}

func fromMetrics(m *vegeta.Metrics) measure {
	m.Close()
	return measure{p50: m.Latencies.P50, p95: m.Latencies.P95, p99: m.Latencies.P99, throughput: m.Throughput,
		requests: m.Requests, success: m.Success, errors: m.Errors}
}

// attack drives the API with vegeta: workers concurrent workers, as fast as they can, for d. The
// first warm seconds are not counted.
func attack(name string, tgt func(i uint64, t *vegeta.Target), workers int, warm, d time.Duration) measure {
	var n atomic.Uint64
	targeter := func(t *vegeta.Target) error {
		tgt(n.Add(1), t)
		return nil
	}
	// An attacker stops for good at the end of its attack: one for the warm-up, one for the measurement.
	attacker := func() *vegeta.Attacker {
		return vegeta.NewAttacker(vegeta.Workers(uint64(workers)), vegeta.MaxWorkers(uint64(workers)),
			vegeta.Connections(workers), vegeta.KeepAlive(true), vegeta.Timeout(opTimeout), vegeta.Redirects(0))
	}
	rate := vegeta.Rate{Freq: 0} // no pacing: each worker sends its next request when the last returns
	if warm > 0 {
		for range attacker().Attack(targeter, rate, warm, name+" warm-up") {
		}
	}
	var m vegeta.Metrics
	for res := range attacker().Attack(targeter, rate, d, name) {
		m.Add(res)
	}
	return fromMetrics(&m)
}

// hammer runs op from workers goroutines for d (after warm) and measures it like vegeta does.
func hammer(ctx context.Context, c *sql.DB, op func(ctx context.Context, c *sql.DB, i uint64) error,
	workers int, warm, d time.Duration) measure {
	var n atomic.Uint64
	run := func(d time.Duration, record func(*vegeta.Result)) {
		deadline := time.Now().Add(d)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for time.Now().Before(deadline) {
					start := time.Now()
					octx, cancel := context.WithTimeout(ctx, opTimeout)
					err := op(octx, c, n.Add(1))
					cancel()
					r := &vegeta.Result{Timestamp: start, Latency: time.Since(start), Code: 200}
					if err != nil {
						r.Code, r.Error = 500, err.Error()
					}
					record(r)
				}
			})
		}
		wg.Wait()
	}
	if warm > 0 {
		run(warm, func(*vegeta.Result) {})
	}
	var mu sync.Mutex
	var m vegeta.Metrics
	run(d, func(r *vegeta.Result) {
		mu.Lock()
		m.Add(r)
		mu.Unlock()
	})
	return fromMetrics(&m)
}
