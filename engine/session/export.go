package session

import (
	"transferlab/engine/cases"
	"transferlab/engine/onnx"
)

// ONNXExport describes an ONNX file written by ExportONNX: what a program
// needs to feed it and read its answers.
type ONNXExport struct {
	File    string     `json:"onnx"`
	Bytes   int64      `json:"bytes"`
	Opset   int        `json:"opset"`
	Network string     `json:"network"`
	Case    cases.Case `json:"case"`
	Classes []string   `json:"classes"`
	// Input is float32 (batch, 3, Crop, Crop): the picture resized so its
	// shorter side is Resize, centre-cropped, scaled to [0, 1] and
	// normalised with Mean and Std. Output is (batch, len(Classes)).
	Input  string     `json:"input"`
	Output string     `json:"output"`
	Resize int        `json:"resize"`
	Crop   int        `json:"crop"`
	Mean   [3]float32 `json:"mean"`
	Std    [3]float32 `json:"std"`
}

// ExportONNX writes the saved classifier at path as a standard ONNX model
// at out, for programs other than TransferLab (ONNX Runtime and the like).
func (s *Session) ExportONNX(path, out string) (*ONNXExport, error) {
	clf, err := s.Classifier(path)
	if err != nil {
		return nil, err
	}
	n, err := onnx.Write(clf, out)
	if err != nil {
		return nil, err
	}
	t := clf.Transform
	return &ONNXExport{
		File: out, Bytes: n, Opset: onnx.Opset, Network: clf.Network, Case: clf.Case, Classes: clf.Classes,
		Input: onnx.InputName, Output: onnx.OutputName, Resize: t.Resize, Crop: t.Crop, Mean: t.Mean, Std: t.Std,
	}, nil
}
