package train

// Epoch is one row of the training history.
type Epoch struct {
	Epoch         int     `json:"epoch"`
	TrainLoss     float64 `json:"train_loss"`
	TrainAccuracy float64 `json:"train_accuracy"`
	ValLoss       float64 `json:"val_loss"`
	ValAccuracy   float64 `json:"val_accuracy"`
	Seconds       float64 `json:"seconds"`
}

// ClassReport is precision and recall of one class on the validation set.
type ClassReport struct {
	Class     string  `json:"class"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	Support   int     `json:"support"`
}

// Prediction is the classifier's answer for one validation image.
type Prediction struct {
	File      string    `json:"file"`
	True      int       `json:"true"`
	Predicted int       `json:"predicted"`
	Probs     []float64 `json:"probs"`
}

// Evaluation summarises predictions against the truth.
type Evaluation struct {
	Accuracy  float64       `json:"val_accuracy"`
	Loss      float64       `json:"val_loss"`
	Confusion [][]int       `json:"confusion"` // [true][predicted]
	PerClass  []ClassReport `json:"per_class"`
}

// evaluate builds the confusion matrix and per-class figures.
func evaluate(classes []string, preds []Prediction, loss float64) Evaluation {
	k := len(classes)
	conf := make([][]int, k)
	for i := range conf {
		conf[i] = make([]int, k)
	}
	correct := 0
	for _, p := range preds {
		conf[p.True][p.Predicted]++
		if p.True == p.Predicted {
			correct++
		}
	}
	ev := Evaluation{Confusion: conf, Loss: loss}
	if len(preds) > 0 {
		ev.Accuracy = float64(correct) / float64(len(preds))
	}
	for c := range classes {
		var predicted, actual int
		for j := 0; j < k; j++ {
			predicted += conf[j][c]
			actual += conf[c][j]
		}
		ev.PerClass = append(ev.PerClass, ClassReport{
			Class: classes[c], Precision: ratio(conf[c][c], predicted), Recall: ratio(conf[c][c], actual), Support: actual,
		})
	}
	return ev
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// countCorrect compares each row's arg-max with the label: logits (N, K).
func countCorrect(logits []float32, labels []int) int {
	k := len(logits) / len(labels)
	correct := 0
	for i, l := range labels {
		row := logits[i*k : (i+1)*k]
		best := 0
		for j, v := range row {
			if v > row[best] {
				best = j
			}
		}
		if best == l {
			correct++
		}
	}
	return correct
}
