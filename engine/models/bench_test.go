package models

import (
	"fmt"
	"testing"
)

// BenchmarkForward reports forward-pass images/second of each network at
// 224x224 for batch 1 and 16 (formula weights; speed does not depend on them):
//
//	go test -run '^$' -bench Forward -benchtime 2x ./engine/models
func BenchmarkForward(b *testing.B) {
	for _, name := range Names() {
		for _, batch := range []int{1, 16} {
			b.Run(fmt.Sprintf("%s/batch=%d", name, batch), func(b *testing.B) {
				net, _ := New(name)
				st, err := NewState(net.Params(), formulaStateDict(net.Params()), 0)
				if err != nil {
					b.Fatal(err)
				}
				shape := []int{batch, 3, 224, 224}
				r, err := NewRunner(net, st, shape, len(net.Layers))
				if err != nil {
					b.Fatal(err)
				}
				defer r.Close()
				x := formulaInput(batch * 3 * 224 * 224)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if _, err := r.Run(x); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(batch*b.N)/b.Elapsed().Seconds(), "img/s")
			})
		}
	}
}
