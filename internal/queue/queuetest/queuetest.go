// Package queuetest runs a real NATS server with JetStream inside a test:
// the nats-server module embedded, on a random loopback port, storing into
// the test's temporary directory. Nothing leaves the machine.
package queuetest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server starts an embedded JetStream server for the test and returns its
// client URL. It is shut down when the test ends.
func Server(t testing.TB) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{
		Host:      "127.0.0.1",
		Port:      server.RANDOM_PORT,
		JetStream: true,
		StoreDir:  t.TempDir(),
		NoLog:     true,
		NoSigs:    true,
	})
	if err != nil {
		t.Fatalf("start NATS server: %v", err)
	}
	s.Start()
	t.Cleanup(func() {
		s.Shutdown()
		s.WaitForShutdown()
	})
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("NATS server not ready after 10s")
	}
	return s.ClientURL()
}
