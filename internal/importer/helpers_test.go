package importer_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/testkit"
)

// upload posts a file as multipart form data.
func upload(t testing.TB, c *testkit.Client, entity, name string, data []byte) *testkit.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if entity != "" {
		_ = mw.WriteField("entity", entity)
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	return c.Do(t, "POST", "/api/v1/imports", buf.Bytes(), "Content-Type", mw.FormDataContentType())
}

// csvOf joins lines with CRLF.
func csvOf(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }

// run starts an import and waits until it is no longer queued or running.
func run(t testing.TB, c *testkit.Client, id int64) *testkit.Response {
	t.Helper()
	c.Do(t, "POST", fmt.Sprintf("/api/v1/imports/%d/start", id), nil).Want(t, 200)
	return wait(t, c, id)
}

func wait(t testing.TB, c *testkit.Client, id int64) *testkit.Response {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		r := c.Do(t, "GET", fmt.Sprintf("/api/v1/imports/%d", id), nil).Want(t, 200)
		switch r.Str("status") {
		case "done", "failed", "cancelled":
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("import %d still %s", id, r.Str("status"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func num(r *testkit.Response, key string) int {
	f, _ := r.JSON[key].(float64)
	return int(f)
}

func path(id int64, suffix string) string { return fmt.Sprintf("/api/v1/imports/%d%s", id, suffix) }
func itoa(i int64) string                 { return fmt.Sprint(i) }
