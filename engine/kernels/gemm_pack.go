package kernels

// packA copies the mc×kc block of alpha·op(A) starting at (i0, p0) into dst as
// consecutive micro-panels of mr rows. Micro-panel r holds rows i0+r·mr… in
// column-major order ([kc][mr]) so the micro-kernel reads it sequentially.
// Rows past mc are zero so edge tiles need no special casing in the kernel.
func packA(p *gemmProblem, dst []float32, i0, mc, p0, kc int) {
	mr := p.kern.mr
	for ir := 0; ir < mc; ir += mr {
		panel := dst[ir*kc : (ir+mr)*kc]
		rows := min(mr, mc-ir)
		if rows < mr {
			clear(panel)
		}
		for r := range rows {
			packARow(p, panel, r, i0+ir+r, p0, kc)
		}
	}
}

// packARow writes row i of op(A) (columns p0…p0+kc) into column r of a panel.
func packARow(p *gemmProblem, panel []float32, r, i, p0, kc int) {
	mr, alpha := p.kern.mr, p.alpha
	if p.transA {
		// A is stored k×m: element (i, p) sits at a[p*lda+i].
		for q := range kc {
			panel[q*mr+r] = alpha * p.a[(p0+q)*p.lda+i]
		}
		return
	}
	src := p.a[i*p.lda+p0 : i*p.lda+p0+kc]
	for q, v := range src {
		panel[q*mr+r] = alpha * v
	}
}

// packB copies the kc×nc block of op(B) starting at (p0, j0) into dst as
// consecutive micro-panels of nr columns, each stored row by row ([kc][nr]).
// Columns past nc are zero.
func packB(p *gemmProblem, dst []float32, p0, kc, j0, nc int) {
	nr := p.kern.nr
	for jr := 0; jr < nc; jr += nr {
		panel := dst[jr*kc : (jr+nr)*kc]
		cols := min(nr, nc-jr)
		if cols < nr {
			clear(panel)
		}
		if p.transB {
			packBTransposed(p, panel, p0, kc, j0+jr, cols)
			continue
		}
		for q := range kc {
			row := (p0 + q) * p.ldb
			copy(panel[q*nr:q*nr+cols], p.b[row+j0+jr:row+j0+jr+cols])
		}
	}
}

// packBTransposed packs columns j…j+cols of op(B) when B is stored n×k, i.e.
// element (p, j) sits at b[j*ldb+p]; each column of op(B) is then a
// contiguous row of b.
func packBTransposed(p *gemmProblem, panel []float32, p0, kc, j, cols int) {
	nr := p.kern.nr
	for c := range cols {
		src := p.b[(j+c)*p.ldb+p0 : (j+c)*p.ldb+p0+kc]
		for q, v := range src {
			panel[q*nr+c] = v
		}
	}
}
