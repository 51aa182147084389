//go:build !unix

package main

// cpuSeconds is not measured here (no getrusage); results omit it.
func cpuSeconds() float64 { return 0 }
