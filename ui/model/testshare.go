package model

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/widget"
)

// testShareItem is the test share's field, with what it is for: the
// validation pictures choose the kept epoch, so their accuracy flatters
// the model a little; pictures kept out of everything do not.
func testShareItem(e *widget.Entry) *widget.FormItem {
	item := widget.NewFormItem("Test share (%)", e)
	item.HintText = "Pictures kept out of training and out of choosing the best epoch, for an honest score. Empty: none."
	return item
}

// noneText stands for a share of 0: nothing held out.
const noneText = "none"

func percentOrNone(share float64) string {
	if share == 0 {
		return ""
	}
	return strconv.FormatFloat(100*share, 'g', 4, 64)
}

// parsePercentOrNone reads "20", "20%", "" or "none" as a share (0.2, 0).
func parsePercentOrNone(text string) (float64, error) {
	text = strings.TrimSuffix(strings.TrimSpace(text), "%")
	if text == "" || strings.EqualFold(text, noneText) {
		return 0, nil
	}
	v, err := strconv.ParseFloat(text, 64)
	return v / 100, err
}
