// Package seeds holds the bundled article library: the articles newsdesk
// opens when it is given no path and no library is configured.
package seeds

import "embed"

// FS is the bundled library. Its files sit at the root of the FS, under
// their own names; the loader shows them as "seeds/NAME".
//
//go:embed *.txt
var FS embed.FS
