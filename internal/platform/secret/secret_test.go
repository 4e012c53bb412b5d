package secret

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func TestArgon2RoundTrip(t *testing.T) {
	p := Argon2{MemoryKiB: 8 * 1024, Time: 1, Threads: 1}
	h, err := p.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=8192,t=1,p=1$") {
		t.Fatalf("unexpected PHC string %q", h)
	}
	if ok, err := Verify(h, "correct horse battery"); !ok || err != nil {
		t.Fatalf("right password rejected: %v %v", ok, err)
	}
	if ok, _ := Verify(h, "correct horse batterY"); ok {
		t.Fatal("wrong password accepted")
	}
	h2, _ := p.Hash("correct horse battery")
	if h2 == h {
		t.Fatal("two hashes of one password share a salt")
	}
}

func TestBcryptStillVerifies(t *testing.T) {
	b, _ := bcrypt.GenerateFromPassword([]byte("legacy-pass"), bcrypt.MinCost)
	if ok, err := Verify(string(b), "legacy-pass"); !ok || err != nil {
		t.Fatalf("bcrypt: %v %v", ok, err)
	}
	if ok, _ := Verify(string(b), "nope"); ok {
		t.Fatal("bcrypt wrong password accepted")
	}
}

func TestMalformedHash(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2id$v=19$m=x$a$b", "$argon2id$v=19$m=1,t=1,p=1$!!$!!"} {
		if _, err := Verify(h, "x"); err == nil {
			t.Errorf("%q: expected error", h)
		}
	}
}

func TestTokens(t *testing.T) {
	a, da := NewToken("khu_")
	b, _ := NewToken("khu_")
	if a == b || !strings.HasPrefix(a, "khu_") || len(a) < 40 {
		t.Fatalf("weak tokens %q %q", a, b)
	}
	if Digest(a) != da || len(da) != 64 {
		t.Fatal("digest mismatch")
	}
}
