package cli_test

import (
	"strings"
	"testing"

	"github.com/kehu-crm/kehu/internal/demo"
)

func TestDemoCommand(t *testing.T) {
	t.Setenv("KEHU_DATA_DIR", t.TempDir())
	t.Setenv("DATABASE_URL", "")
	t.Setenv("KEHU_ARGON2_MEMORY_KIB", "1024")
	t.Setenv("KEHU_ARGON2_TIME", "1")
	t.Setenv("KEHU_LOG_LEVEL", "error")
	code, out, errs := run(t, "demo", "--accounts", "5")
	if code != 0 {
		t.Fatalf("demo: %d %s %s", code, out, errs)
	}
	for _, want := range []string{"accounts     5", "teams        8 (8 new)", demo.Password, "zhang.wei@demo.kehu.cn",
		"admin@demo.kehu.cn", "sales_director", "seed 2026"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = run(t, "demo", "--accounts", "5")
	if code == 0 || !strings.Contains(errs, "--force") {
		t.Fatalf("second demo without --force: %d %s %s", code, out, errs)
	}
	code, out, errs = run(t, "demo", "--accounts", "2", "--force")
	if code != 0 || !strings.Contains(out, "accounts     2") || !strings.Contains(out, "users       17 (0 new)") {
		t.Fatalf("demo --force: %d %s %s", code, out, errs)
	}
	if code, _, _ := run(t, "demo", "--accounts", "0"); code == 0 {
		t.Error("--accounts 0 accepted")
	}
}

func TestDemoScaleCommand(t *testing.T) {
	t.Setenv("KEHU_DATA_DIR", t.TempDir())
	t.Setenv("DATABASE_URL", "")
	t.Setenv("KEHU_ARGON2_MEMORY_KIB", "1024")
	t.Setenv("KEHU_ARGON2_TIME", "1")
	t.Setenv("KEHU_LOG_LEVEL", "error")
	code, out, errs := run(t, "demo", "--scale", "25")
	if code != 0 {
		t.Fatalf("demo --scale: %d %s %s", code, out, errs)
	}
	words := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"accounts 25", "contacts 75", "activities 250", "search rows 350", "dedup keys", "rows/s"} {
		if !strings.Contains(words, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, out, errs := run(t, "demo", "--scale", "25"); code == 0 || !strings.Contains(errs, "--force") {
		t.Fatalf("second --scale without --force: %d %s %s", code, out, errs)
	}
	if code, _, errs := run(t, "demo", "--scale", "0"); code == 0 || !strings.Contains(errs, "--scale") {
		t.Errorf("--scale 0: %d %s", code, errs)
	}
}
