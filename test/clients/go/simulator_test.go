package clients

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/atlas-sdk/v20250312020/admin"
)

// startInfo is the line `atlas-gov-mock --json` prints once it listens.
type startInfo struct {
	BaseURL string `json:"baseUrl"`
	Tenant  struct {
		OrgID          string `json:"orgId"`
		ServiceAccount struct {
			ClientID     string `json:"clientId"`
			ClientSecret string `json:"clientSecret"`
		} `json:"serviceAccount"`
		APIKey struct {
			PublicKey  string `json:"publicKey"`
			PrivateKey string `json:"privateKey"`
		} `json:"apiKey"`
	} `json:"tenant"`
	CACertPath string `json:"caCertPath"`
}

var sim startInfo

// TestMain spawns the built simulator over HTTPS on a free port, as a user would run it,
// and trusts its CA through SSL_CERT_FILE: Go reads that variable when it first loads the
// system roots, so the SDK's own HTTP clients (the README recipe, unchanged) trust it.
func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	cli := filepath.Join(root, "dist", "src", "cli.js")
	if _, err := os.Stat(cli); err != nil {
		fmt.Fprintf(os.Stderr, "%s is missing: run `npm run build` first\n", cli)
		return 2
	}
	stateDir, err := os.MkdirTemp("", "atlas-gov-mock-go-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(stateDir)

	// Short lifecycle delays on the real clock, so that waiting for IDLE goes through
	// the SDK's own polling of getCluster rather than through the control plane.
	cmd := exec.Command("node", cli, "--tls", "--port", "0", "--state-dir", stateDir, "--json",
		"--log-level", "warn", "--lifecycle", "clusterCreate=2,clusterUpdate=2,clusterDelete=2")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "cannot start the simulator:", err)
		return 2
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
	}()

	lines := bufio.NewScanner(stdout)
	started := make(chan error, 1)
	go func() {
		if !lines.Scan() {
			started <- fmt.Errorf("the simulator exited before printing its start-up line")
			return
		}
		started <- json.Unmarshal(lines.Bytes(), &sim)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case err := <-started:
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
	case <-time.After(30 * time.Second):
		fmt.Fprintln(os.Stderr, "the simulator did not start within 30 s")
		return 2
	}
	os.Setenv("SSL_CERT_FILE", sim.CACertPath)
	return m.Run()
}

// digestClient is the README recipe for an API key.
func digestClient(t *testing.T, publicKey, privateKey string) *admin.APIClient {
	t.Helper()
	client, err := admin.NewClient(admin.UseBaseURL(sim.BaseURL), admin.UseDigestAuth(publicKey, privateKey))
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// oauthClient is the README recipe for a service account: UseOAuthAuth after UseBaseURL.
func oauthClient(t *testing.T, clientID, clientSecret string) *admin.APIClient {
	t.Helper()
	client, err := admin.NewClient(admin.UseBaseURL(sim.BaseURL), admin.UseOAuthAuth(context.Background(), clientID, clientSecret))
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// tenant is an isolated organization made through the control plane.
type tenant struct {
	OrgID          string `json:"orgId"`
	ServiceAccount struct {
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
	} `json:"serviceAccount"`
	APIKey struct {
		PublicKey  string `json:"publicKey"`
		PrivateKey string `json:"privateKey"`
	} `json:"apiKey"`
}

func newTenant(t *testing.T) tenant {
	t.Helper()
	var out tenant
	control(t, http.MethodPost, "/_mock/tenants", map[string]any{}, &out)
	t.Cleanup(func() { control(t, http.MethodDelete, "/_mock/tenants/"+out.OrgID, nil, nil) })
	return out
}

func control(t *testing.T, method, path string, body any, out any) {
	t.Helper()
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, sim.BaseURL+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		t.Fatalf("%s %s: %d %s", method, path, res.StatusCode, strings.TrimSpace(string(raw)))
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
	}
}

// expectAtlasError checks a failure through the SDK's typed errors: the HTTP status and
// errorCode of the Atlas error body, and its parameters when given.
func expectAtlasError(t *testing.T, err error, status int, code string, params ...any) {
	t.Helper()
	if err == nil {
		t.Fatalf("expected %d %s, got success", status, code)
	}
	apiErr, ok := admin.AsError(err)
	if !ok {
		t.Fatalf("expected an Atlas error %d %s, got %T: %v", status, code, err, err)
	}
	if !admin.IsErrorCode(err, code) || apiErr.GetError() != status {
		t.Fatalf("expected %d %s, got %d %s (%s)", status, code, apiErr.GetError(), apiErr.GetErrorCode(), apiErr.GetDetail())
	}
	if len(params) > 0 {
		got := apiErr.GetParameters()
		if fmt.Sprintf("%v", got) != fmt.Sprintf("%v", params) {
			t.Fatalf("%s: expected parameters %v, got %v", code, params, got)
		}
	}
}
