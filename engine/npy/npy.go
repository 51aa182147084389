// Package npy reads and writes NumPy .npy files holding little-endian
// float32 arrays: the format of the golden tensors that torchvision scripts
// write and the engine's tests compare against.
package npy

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
)

var (
	descrRE = regexp.MustCompile(`'descr':\s*'([^']*)'`)
	orderRE = regexp.MustCompile(`'fortran_order':\s*(True|False)`)
	shapeRE = regexp.MustCompile(`'shape':\s*\(([^)]*)\)`)
)

// Read loads a C-ordered '<f4' array, returning its shape and values.
func Read(path string) ([]int, []float32, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("npy: %w", err)
	}
	defer f.Close()
	shape, data, err := decode(f)
	if err != nil {
		return nil, nil, fmt.Errorf("npy: %s: %w", path, err)
	}
	return shape, data, nil
}

func decode(r io.Reader) ([]int, []float32, error) {
	header, err := readHeader(r)
	if err != nil {
		return nil, nil, err
	}
	if m := descrRE.FindStringSubmatch(header); m == nil || m[1] != "<f4" {
		return nil, nil, fmt.Errorf("only little-endian float32 is supported, header %q", header)
	}
	if m := orderRE.FindStringSubmatch(header); m == nil || m[1] != "False" {
		return nil, nil, fmt.Errorf("only C order is supported")
	}
	shape, err := parseShape(header)
	if err != nil {
		return nil, nil, err
	}
	n := 1
	for _, d := range shape {
		n *= d
	}
	raw := make([]byte, 4*n)
	if _, err := io.ReadFull(r, raw); err != nil {
		return nil, nil, fmt.Errorf("data shorter than shape %v: %w", shape, err)
	}
	data := make([]float32, n)
	for i := range data {
		data[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return shape, data, nil
}

// readHeader checks the magic and returns the Python-dict header text.
func readHeader(r io.Reader) (string, error) {
	var pre [8]byte
	if _, err := io.ReadFull(r, pre[:]); err != nil {
		return "", fmt.Errorf("not an npy file: %w", err)
	}
	if !bytes.Equal(pre[:6], []byte("\x93NUMPY")) {
		return "", fmt.Errorf("not an npy file (bad magic)")
	}
	var n int
	switch pre[6] {
	case 1:
		var l [2]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return "", err
		}
		n = int(binary.LittleEndian.Uint16(l[:]))
	default:
		var l [4]byte
		if _, err := io.ReadFull(r, l[:]); err != nil {
			return "", err
		}
		n = int(binary.LittleEndian.Uint32(l[:]))
	}
	h := make([]byte, n)
	if _, err := io.ReadFull(r, h); err != nil {
		return "", err
	}
	return string(h), nil
}

func parseShape(header string) ([]int, error) {
	m := shapeRE.FindStringSubmatch(header)
	if m == nil {
		return nil, fmt.Errorf("no shape in header %q", header)
	}
	var shape []int
	for _, s := range strings.Split(m[1], ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		d, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("bad shape %q", m[1])
		}
		shape = append(shape, d)
	}
	return shape, nil
}

// Write stores a C-ordered '<f4' array (version 1.0 header, padded to 64 bytes).
func Write(path string, shape []int, data []float32) error {
	dims := make([]string, len(shape))
	for i, d := range shape {
		dims[i] = strconv.Itoa(d)
	}
	tuple := strings.Join(dims, ", ")
	if len(shape) == 1 {
		tuple += ","
	}
	header := fmt.Sprintf("{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }", tuple)
	pad := 64 - (10+len(header)+1)%64
	header += strings.Repeat(" ", pad%64) + "\n"
	var buf bytes.Buffer
	buf.WriteString("\x93NUMPY\x01\x00")
	binary.Write(&buf, binary.LittleEndian, uint16(len(header)))
	buf.WriteString(header)
	for _, v := range data {
		binary.Write(&buf, binary.LittleEndian, math.Float32bits(v))
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
