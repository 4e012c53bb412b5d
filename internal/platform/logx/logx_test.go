package logx

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/kehu-crm/kehu/internal/platform/authz"
	"github.com/kehu-crm/kehu/internal/platform/reqinfo"
)

func TestRequestAndActorOnEveryLine(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(New(slog.NewJSONHandler(&buf, nil)))
	ctx := reqinfo.With(context.Background(), reqinfo.Info{ID: "r-1"})
	ctx = authz.WithActor(ctx, authz.NewUserActor(42, 0, nil, nil, 0))
	log.With("module", "iam").InfoContext(ctx, "hello")
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m["request_id"] != "r-1" || m["actor_id"] != float64(42) || m["module"] != "iam" {
		t.Fatalf("line: %s", buf.Bytes())
	}
	buf.Reset()
	log.Info("no context")
	if bytes.Contains(buf.Bytes(), []byte("request_id")) {
		t.Fatalf("invented a request id: %s", buf.Bytes())
	}
}
