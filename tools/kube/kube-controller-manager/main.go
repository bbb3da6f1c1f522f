// Command kube-controller-manager is the upstream controller manager, built from the k8s.io/kubernetes
// module. scripts/kube-env.sh runs it with only the controllers the tests need (namespace deletion,
// garbage collection, service accounts), see docs/kube.md.
package main

import (
	"os"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	"k8s.io/kubernetes/cmd/kube-controller-manager/app"
)

func main() {
	os.Exit(cli.Run(app.NewControllerManagerCommand()))
}
