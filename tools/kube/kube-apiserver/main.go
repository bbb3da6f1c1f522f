// Command kube-apiserver is the upstream API server, built from the k8s.io/kubernetes module so the
// tests of assisted-swarm have a real API server without containers (see docs/kube.md).
package main

import (
	"os"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(app.NewAPIServerCommand()))
}
