package vulkan

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestDevicesListsLavapipe(t *testing.T) {
	infos, err := Devices()
	if err != nil {
		if os.Getenv("TRANSFERLAB_NO_VULKAN") == "1" {
			t.Skipf("TRANSFERLAB_NO_VULKAN=1: %v", err)
		}
		t.Fatal(err)
	}
	var cpu *DeviceInfo
	for i := range infos {
		t.Logf("%+v", infos[i])
		if strings.Contains(infos[i].Name, "llvmpipe") {
			cpu = &infos[i]
		}
	}
	if cpu == nil {
		t.Fatalf("no llvmpipe device among %d (is mesa-vulkan-drivers installed?)", len(infos))
	}
	if cpu.Type != "cpu" || !cpu.Software() {
		t.Errorf("llvmpipe Type = %q, want cpu", cpu.Type)
	}
	if cpu.MemoryBytes == 0 {
		t.Error("llvmpipe MemoryBytes = 0")
	}
	if cpu.Driver != "llvmpipe" {
		t.Errorf("llvmpipe Driver = %q", cpu.Driver)
	}
	d, err := Open(cpu.Index)
	must(t, err)
	defer d.Close()
	if d.Info() != *cpu {
		t.Errorf("Open(%d).Info() = %+v, want %+v", cpu.Index, d.Info(), *cpu)
	}
}

func TestBogusLoader(t *testing.T) {
	_, err := openWith([]string{"libvulkan-does-not-exist.so.9"}, -1)
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	if want := "no usable Vulkan driver: libvulkan-does-not-exist.so.9 not found"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	// A library that exists but is no Vulkan loader.
	if _, err := openWith([]string{"libc.so.6"}, -1); !errors.Is(err, ErrUnavailable) {
		t.Errorf("libc as loader: err = %v, want ErrUnavailable", err)
	}
	if _, err := devicesWith(nil); !errors.Is(err, ErrUnavailable) {
		t.Errorf("no names: err = %v", err)
	}
}

func TestOpenBadIndex(t *testing.T) {
	openTest(t) // fails or skips with the reason when there is no Vulkan
	if _, err := Open(1 << 20); !errors.Is(err, ErrUnavailable) {
		t.Errorf("Open(1<<20) = %v, want ErrUnavailable", err)
	}
}

func TestClosedDevice(t *testing.T) {
	d := openTest(t)
	b := alloc(t, d, 16)
	d.Close()
	d.Close() // twice is harmless
	b.Free()  // after Close: a no-op, not a crash
	if _, err := d.Alloc(16); err == nil {
		t.Error("Alloc after Close: no error")
	}
	if err := d.Sync(); err == nil {
		t.Error("Sync after Close: no error")
	}
	if err := d.Read(b, 0, make([]byte, 4)); err == nil {
		t.Error("Read after Close: no error")
	}
}
