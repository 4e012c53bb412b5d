package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kehu-crm/kehu/internal/demo"
)

type options struct {
	scale        int64
	dbs          []string
	workers      int
	duration     time.Duration
	warm         time.Duration
	seed         uint64
	rebuild      bool
	dir, pgBase  string
	only         string
	importRows   int
	out          string
	am, director string
	binary       string
	skipBuild    bool
	prepare      bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	o := parseFlags(os.Args[1:])
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func envInt(name string, def int64) int64 {
	if v, err := strconv.ParseInt(strings.ReplaceAll(os.Getenv(name), "_", ""), 10, 64); err == nil {
		return v
	}
	return def
}

func parseFlags(args []string) options {
	var o options
	fs := flag.NewFlagSet("bench", flag.ExitOnError)
	fs.Int64Var(&o.scale, "scale", envInt("SCALE", 1_000_000), "accounts in the data set (3× contacts, 10× activities) [$SCALE]")
	dbs := fs.String("dbs", "sqlite,postgres", "databases to run on (postgres only when PG_BASE answers)")
	fs.IntVar(&o.workers, "c", 4, "concurrent workers, the same for the API and the raw SQL")
	fs.DurationVar(&o.duration, "d", 10*time.Second, "measured duration of each scenario and side")
	fs.DurationVar(&o.warm, "warm", 2*time.Second, "unmeasured warm-up before each measurement")
	fs.Uint64Var(&o.seed, "seed", demo.DefaultSeed, "data set seed")
	fs.BoolVar(&o.rebuild, "rebuild", false, "build the data sets again even when cached ones exist")
	fs.StringVar(&o.dir, "dir", filepath.Join("bench", ".data"), "where data sets and the binary are kept")
	fs.StringVar(&o.pgBase, "pg", os.Getenv("PG_BASE"), "PostgreSQL server URL (a database per scale is created on it) [$PG_BASE]")
	fs.StringVar(&o.only, "only", "", "run only scenarios whose name contains this text")
	fs.IntVar(&o.importRows, "import", 100_000, "rows of the import scenario (0 skips it)")
	fs.StringVar(&o.out, "out", "", "also append the Markdown report to this file")
	fs.StringVar(&o.am, "am", "zhang.wei@"+demo.EmailDomain, "the scoped account manager to sign in as")
	fs.StringVar(&o.director, "director", "chen.zhiqiang@"+demo.EmailDomain, "the sales director to sign in as")
	fs.BoolVar(&o.skipBuild, "no-build", false, "use the kehu binary already in -dir")
	fs.BoolVar(&o.prepare, "prepare", false, "only build (or find) the data sets, run no scenario")
	_ = fs.Parse(args)
	o.dbs = strings.Split(*dbs, ",")
	o.binary = filepath.Join(o.dir, "kehu")
	return o
}

func run(ctx context.Context, o options, stdout io.Writer) error {
	if err := os.MkdirAll(o.dir, 0o750); err != nil {
		return err
	}
	if !o.skipBuild {
		fmt.Fprintln(os.Stderr, "bench: building", o.binary)
		build := exec.CommandContext(ctx, "go", "build", "-o", o.binary, "./cmd/kehu")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	w := stdout
	if o.out != "" {
		f, err := os.OpenFile(o.out, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o640)
		if err != nil {
			return err
		}
		defer f.Close()
		w = io.MultiWriter(stdout, f)
	}
	for _, name := range o.dbs {
		var ds *dataset
		switch strings.TrimSpace(name) {
		case "sqlite":
			ds = sqliteDataset(o.dir, o.scale)
		case "postgres":
			if o.pgBase == "" || !reachable(ctx, o.pgBase) {
				fmt.Fprintf(w, "\nPostgreSQL skipped: PG_BASE (%q) does not answer.\n", o.pgBase)
				continue
			}
			var err error
			if ds, err = postgresDataset(o.dir, o.pgBase, o.scale); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unknown database %q", name)
		}
		if err := ds.ensure(ctx, o.binary, o.pgBase, o.scale, o.seed, o.rebuild); err != nil {
			return err
		}
		if o.prepare {
			continue
		}
		if err := runOn(ctx, o, ds, w); err != nil {
			return fmt.Errorf("%s: %w", ds.dialect, err)
		}
	}
	return nil
}

// row is one line of the report.
type row struct {
	name, as string
	api, raw measure
}

func runOn(ctx context.Context, o options, ds *dataset, w io.Writer) error {
	srv, err := startServer(ctx, o.binary, ds.env)
	if err != nil {
		return err
	}
	defer srv.stop()
	rawDB, err := sql.Open(ds.driver, ds.dsn)
	if err != nil {
		return err
	}
	defer rawDB.Close()
	rawDB.SetMaxOpenConns(max(o.workers, 8))
	rawDB.SetMaxIdleConns(max(o.workers, 8))
	f, err := loadFixtures(ctx, rawDB, ds.dialect, o.am, o.director)
	if err != nil {
		return fmt.Errorf("fixtures: %w", err)
	}
	for _, p := range []*principal{&f.am, &f.director} {
		if p.cookie, err = srv.login(p.email, demo.Password); err != nil {
			return err
		}
	}
	var rows []row
	for _, sc := range scenarios(f, ds.dialect) {
		if o.only != "" && !strings.Contains(sc.name, o.only) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "bench: %s — %s as %s\n", ds.dialect, sc.name, sc.as.label)
		r := row{name: sc.name, as: sc.as.label}
		r.api = attack(sc.name, sc.target(srv.base), o.workers, o.warm, o.duration)
		r.raw = hammer(ctx, rawDB, sc.raw, o.workers, o.warm, o.duration)
		rows = append(rows, r)
	}
	var imp *importResult
	if o.importRows > 0 && (o.only == "" || strings.Contains("import", o.only)) {
		if imp, err = runImport(ctx, o, ds, srv, rawDB, f); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	hwm, rss, err := srv.peakRSS()
	if err != nil {
		return err
	}
	report(w, o, ds, rows, imp, hwm, rss)
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f×", float64(a)/float64(b))
}

func report(w io.Writer, o options, ds *dataset, rows []row, imp *importResult, hwm, rss int64) {
	host, _ := os.Hostname()
	fmt.Fprintf(w, "\n### %s — %d accounts, %d contacts, %d activities\n\n", ds.dialect, o.scale,
		o.scale*demo.ScaleContacts, o.scale*demo.ScaleActivities)
	fmt.Fprintf(w, "Run %s on %s (%d CPUs, %s), %d workers per side, %s measured after %s warm-up per scenario.\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), host, runtime.NumCPU(), runtime.Version(), o.workers, o.duration, o.warm)
	if ds.loadOutput != "" {
		fmt.Fprintf(w, "Data set built by this run in %.0fs:\n\n```\n%s```\n", ds.loadTime.Seconds(), ds.loadOutput)
	}
	if len(rows) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| Scenario | As | API p50 ms | API p95 ms | API p99 ms | API req/s | raw p50 ms | raw p95 ms | raw p99 ms | raw ops/s | API ÷ raw (p50 / p95) | API errors |")
		fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
		for _, r := range rows {
			errs := fmt.Sprintf("%.1f%% ok", r.api.success*100)
			if len(r.api.errors) > 0 {
				errs += ": " + strings.Join(r.api.errors[:min(2, len(r.api.errors))], "; ")
			}
			if r.raw.success < 1 {
				errs += fmt.Sprintf(" (raw %.1f%% ok: %s)", r.raw.success*100, strings.Join(r.raw.errors[:min(1, len(r.raw.errors))], ""))
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %.0f | %s | %s | %s | %.0f | %s / %s | %s |\n", r.name, r.as,
				ms(r.api.p50), ms(r.api.p95), ms(r.api.p99), r.api.throughput, ms(r.raw.p50), ms(r.raw.p95), ms(r.raw.p99),
				r.raw.throughput, ratio(r.api.p50, r.raw.p50), ratio(r.api.p95, r.raw.p95), errs)
		}
	}
	if imp != nil {
		fmt.Fprintf(w, "\nImport of %d rows (%s): API %.0f rows/s (%.1fs; %d created, %d skipped as duplicates, %d failed); "+
			"raw SQL %.0f rows/s (%.1fs); API ÷ raw time %.1f×.\n",
			imp.rows, imp.how, float64(imp.rows)/imp.api.Seconds(), imp.api.Seconds(), imp.created, imp.skipped, imp.failed,
			float64(imp.rows)/imp.raw.Seconds(), imp.raw.Seconds(), imp.api.Seconds()/imp.raw.Seconds())
	}
	fmt.Fprintf(w, "\nServer memory: peak RSS (VmHWM) %.0f MB, RSS at the end %.0f MB.\n", float64(hwm)/(1<<20), float64(rss)/(1<<20))
}
