package model

import (
	"strconv"
	"strings"
)

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
