package app_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kehu-crm/kehu/internal/platform/config"
	"github.com/kehu-crm/kehu/internal/platform/db"
	"github.com/kehu-crm/kehu/internal/testkit"
)

func selfSigned(t *testing.T) (certFile, keyFile string) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	_ = os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	_ = os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

func TestServesHTTPSWithSecureCookies(t *testing.T) {
	cert, key := selfSigned(t)
	a := testkit.NewApp(t, db.SQLite, func(c *config.Config) { c.TLSCert, c.TLSKey = cert, key })
	a.NewUser(t, "tls@kehu.test", 0)
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, func(s string) { addr <- s }) }()
	defer func() { cancel(); <-done }()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} //nolint:gosec // self-signed test certificate
	base := "https://" + <-addr
	res, err := client.Post(base+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"email":"tls@kehu.test","password":"`+testkit.Password+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.TLS == nil {
		t.Fatalf("status %d, tls %v", res.StatusCode, res.TLS != nil)
	}
	if c := res.Header.Get("Set-Cookie"); !strings.Contains(c, "Secure") {
		t.Errorf("cookie without Secure: %q", c)
	}
	if h := res.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(h, "max-age=") {
		t.Errorf("HSTS %q", h)
	}
}

func TestNodesShareSessions(t *testing.T) {
	testkit.EachDialect(t, func(t *testing.T, d db.Dialect) {
		database := testkit.NewDB(t, d)
		one := testkit.NewAppOn(t, database)
		two := testkit.NewAppOn(t, testkit.Reopen(t, database))
		one.NewUser(t, "roam@kehu.test", 0)
		c := one.Login(t, "roam@kehu.test")
		c.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
		other := two.Client()
		for _, ck := range c.Cookies(one.URL) {
			other.SetCookie(two.URL, ck)
		}
		other.Do(t, "GET", "/api/v1/me", nil).Want(t, 200)
		other.Do(t, "POST", "/api/v1/auth/logout", nil).Want(t, 204)
		c.Do(t, "GET", "/api/v1/me", nil).Want(t, 401)
	})
}
