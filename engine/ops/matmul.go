package ops

import (
	"fmt"
	"hash"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"transferlab/engine/kernels"
)

// matMulOp computes op(A)·op(B) for float32 matrices with kernels.Gemm, where
// op transposes when the flag is set. It is its own gradient's building
// block, so every variant is differentiable.
type matMulOp struct {
	pureOp
	transA, transB bool
}

func (op *matMulOp) Arity() int { return 2 }
func (op *matMulOp) Type() hm.Type {
	return fnType(tensorType(2), tensorType(2), tensorType(2))
}
func (op *matMulOp) String() string            { return fmt.Sprintf("MatMul(tA=%v,tB=%v)", op.transA, op.transB) }
func (op *matMulOp) WriteHash(h hash.Hash)     { writeHash(h, op) }
func (op *matMulOp) Hashcode() uint32          { return hashOf(op) }
func (op *matMulOp) DiffWRT(inputs int) []bool { return []bool{true, true} }

// dims returns m, k of op(A) and k, n of op(B), checking that the inner
// dimensions agree.
func (op *matMulOp) dims(a, b tensor.Shape) (m, n, k int, err error) {
	if a.Dims() != 2 || b.Dims() != 2 {
		return 0, 0, 0, fmt.Errorf("matmul: operands %v and %v must be matrices", a, b)
	}
	m, k = a[0], a[1]
	if op.transA {
		m, k = k, m
	}
	k2, n := b[0], b[1]
	if op.transB {
		k2, n = n, k2
	}
	if k != k2 {
		return 0, 0, 0, fmt.Errorf("matmul: %v%s times %v%s: inner sizes %d and %d differ",
			a, tick(op.transA), b, tick(op.transB), k, k2)
	}
	return m, n, k, nil
}

func tick(trans bool) string {
	if trans {
		return "ᵀ"
	}
	return ""
}

func (op *matMulOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	a, err := shapeOf("MatMul", ds, 0)
	if err != nil {
		return nil, err
	}
	b, err := shapeOf("MatMul", ds, 1)
	if err != nil {
		return nil, err
	}
	m, n, _, err := op.dims(a, b)
	if err != nil {
		return nil, err
	}
	return tensor.Shape{m, n}, nil
}

func (op *matMulOp) Do(vs ...gorgonia.Value) (gorgonia.Value, error) {
	data, shapes, err := inputs("MatMul", []string{"A", "B"}, vs)
	if err != nil {
		return nil, err
	}
	m, n, k, err := op.dims(shapes[0], shapes[1])
	if err != nil {
		return nil, err
	}
	c := op.out.floats(m * n)
	kernels.Gemm(op.transA, op.transB, m, n, k, 1, data[0], shapes[0][1], data[1], shapes[1][1], 0, c, n)
	return newDense(tensor.Shape{m, n}, c), nil
}

// SymDiff for C = op(A)·op(B) with upstream G:
//
//	∂A = G·op(B)ᵀ, or op(B)·Gᵀ when A is transposed
//	∂B = op(A)ᵀ·G, or Gᵀ·op(A) when B is transposed
//
// each written as one matMulOp on the stored (untransposed) operands.
func (op *matMulOp) SymDiff(in gorgonia.Nodes, out, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	a, b := in[0], in[1]
	var da, db *gorgonia.Node
	var err error
	if op.transA {
		da, err = gorgonia.ApplyOp(&matMulOp{transA: op.transB, transB: true}, b, grad)
	} else {
		da, err = gorgonia.ApplyOp(&matMulOp{transA: false, transB: !op.transB}, grad, b)
	}
	if err != nil {
		return nil, fmt.Errorf("MatMul gradient for A: %w", err)
	}
	if op.transB {
		db, err = gorgonia.ApplyOp(&matMulOp{transA: true, transB: op.transA}, grad, a)
	} else {
		db, err = gorgonia.ApplyOp(&matMulOp{transA: !op.transA, transB: false}, a, grad)
	}
	if err != nil {
		return nil, fmt.Errorf("MatMul gradient for B: %w", err)
	}
	return gorgonia.Nodes{da, db}, nil
}
