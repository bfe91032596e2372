//go:build unix

package ui

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time so far (user and system): steadier
// than wall time on a shared machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
