//go:build windows && cgo && dshow

package camera

// The DirectShow driver is C++: link mingw-w64's C++ and thread runtimes
// into the .exe, which would otherwise need libstdc++-6.dll,
// libgcc_s_seh-1.dll and libwinpthread-1.dll beside it on every laptop.

// #cgo LDFLAGS: -static-libgcc -static-libstdc++ -Wl,-Bstatic -lstdc++ -lwinpthread -Wl,-Bdynamic
import "C"
