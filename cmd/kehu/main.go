// Command kehu is the whole product in one binary: see `kehu --help`.
package main

import (
	"context"
	"os"

	_ "time/tzdata" // user time zones work on hosts without a zoneinfo database

	"github.com/kehu-crm/kehu/internal/cli"
)

func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}
