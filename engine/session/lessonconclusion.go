package session

import (
	"fmt"
	"strings"

	"transferlab/engine/cases"
	"transferlab/engine/train"
)

// winner is the finished case with the highest validation accuracy, the
// quicker one on a tie; cases.None when none finished.
func winner(cs []LessonCase) cases.Case {
	var best *Trained
	won := cases.None
	for _, c := range cs {
		t := c.Trained
		if t == nil {
			continue
		}
		if best == nil || t.Accuracy > best.Accuracy || (t.Accuracy == best.Accuracy && t.Seconds < best.Seconds) {
			best, won = t, c.Case
		}
	}
	return won
}

// conclude says in plain words which case won and why, from how many
// pictures the smallest class has and how familiar they look to the
// network (l.Advice), for k classes; planned is how many cases the lesson
// meant to run. It is 2 to 4 sentences: the result, the reason, and at
// most one remark (all poor, the gap of training from scratch, or cases
// cut short).
func conclude(l *Lesson, k, planned int) string {
	finished := finishedCases(l.Cases)
	if len(finished) == 0 {
		return "No case finished, so there is nothing to compare yet; the table says what went wrong with each."
	}
	var out []string
	if len(l.Cases) < planned {
		out = append(out, fmt.Sprintf("The lesson was stopped after %d of its %d cases, so this compares only those.", len(l.Cases), planned))
	}
	win := caseOf(finished, l.Winner)
	out = append(out, resultSentence(finished, win), reasonSentence(l.Advice, win, finished))
	if r := remark(finished, win, k); r != "" {
		out = append(out, r)
	}
	return strings.Join(out, " ")
}

func finishedCases(cs []LessonCase) []LessonCase {
	var out []LessonCase
	for _, c := range cs {
		if c.Trained != nil {
			out = append(out, c)
		}
	}
	return out
}

func caseOf(cs []LessonCase, k cases.Case) LessonCase {
	for _, c := range cs {
		if c.Case == k {
			return c
		}
	}
	return LessonCase{}
}

// resultSentence names the winner, what it does, its accuracy and time, or
// the tie and why the winner counts as one.
func resultSentence(finished []LessonCase, win LessonCase) string {
	var tied []LessonCase
	for _, c := range finished {
		if c.Case != win.Case && c.Trained.Accuracy == win.Trained.Accuracy {
			tied = append(tied, c)
		}
	}
	acc := percent(win.Trained.Accuracy)
	if len(tied) == 0 {
		return fmt.Sprintf("Case %d won here: it %s, and got %s of the held-back pictures right (pictures it never trained on), in %s.",
			win.Case, doing(win.Case), acc, duration(win.Trained.Seconds))
	}
	names, times := []string{fmt.Sprintf("case %d", win.Case)}, []string{duration(win.Trained.Seconds)}
	for _, c := range tied {
		names, times = append(names, fmt.Sprintf("case %d", c.Case)), append(times, duration(c.Trained.Seconds))
	}
	return fmt.Sprintf("%s tied, each getting %s of the held-back pictures right (pictures they never trained on); case %d counts as the winner because it was the quickest (%s against %s).",
		capitalise(andList(names)), acc, win.Case, times[0], andList(times[1:]))
}

// doing says what a case does, in words for someone who does not program.
func doing(k cases.Case) string {
	switch {
	case k.Cuts():
		return "kept only the network's first layers, which see edges, colours and textures, and trained a new last step on them"
	case !k.TrainsBackbone():
		return "kept everything the network learned from a million photos and trained only a new last step"
	case k.NeedsPretrained():
		return "started from what the network learned from a million photos and let all of it adjust"
	}
	return "trained the whole network starting from random numbers"
}

// reasonSentence explains the result by the size of the smallest class and
// how familiar the pictures look, and says whether that is what the advice
// expected.
func reasonSentence(adv Advice, win LessonCase, finished []LessonCase) string {
	size := fmt.Sprintf("With %d pictures in your smallest class there is enough to let the whole network learn", adv.SmallestClass)
	if adv.SmallestClass < train.ManyImagesPerClass {
		size = fmt.Sprintf("With only %d pictures in your smallest class there is too little to retrain a whole network well", adv.SmallestClass)
	}
	var look string
	switch {
	case adv.ImageNetLike < 0:
		look = "we could not check how familiar your pictures look to the network, as its pretrained weights are not on this computer"
	case adv.ImageNetLike >= train.ImageNetLikeAbove:
		look = fmt.Sprintf("your pictures look like everyday photos to the network (it is on average %s sure of what it sees), so what it learned fits them",
			percent(adv.ImageNetLike))
	default:
		look = fmt.Sprintf("your pictures look unusual to the network (it is on average only %s sure of what it sees), so its later layers, tuned to everyday photos, fit them less well",
			percent(adv.ImageNetLike))
	}
	if adv.Case == win.Case {
		return fmt.Sprintf("%s, and %s: that is what case %d is made for.", size, look, win.Case)
	}
	expected := caseOf(finished, adv.Case)
	if expected.Trained == nil {
		return fmt.Sprintf("%s, and %s: that points to case %d, which did not finish here.", size, look, adv.Case)
	}
	gap := win.Trained.Accuracy - expected.Trained.Accuracy
	if gap == 0 {
		return fmt.Sprintf("%s, and %s: that points to case %d, which did as well.", size, look, adv.Case)
	}
	pictures := len(win.Trained.Predictions)
	if pictures > 0 && gap*float64(pictures) <= 2.5 {
		return fmt.Sprintf("%s, and %s: that points to case %d, which came within %s of the winner; with %d held-back pictures that may be chance.",
			size, look, adv.Case, count(gap*float64(pictures), "picture"), pictures)
	}
	return fmt.Sprintf("%s, and %s: that points to case %d, yet case %d did clearly better on these pictures.", size, look, adv.Case, win.Case)
}

// remark is at most one more thing worth saying: that no case beat
// guessing by much, that training from scratch fell far behind, or that
// cases were cut short.
func remark(finished []LessonCase, win LessonCase, k int) string {
	chance := 1 / float64(max(k, 1))
	if win.Trained.Accuracy < chance+0.1 {
		return fmt.Sprintf("No case did much better than guessing (%s with %d classes): there may be too few pictures, or the classes may be too alike to tell apart; more pictures or a look at the labels would help.",
			percent(chance), k)
	}
	for _, c := range finished {
		if !c.Case.NeedsPretrained() && c.Case != win.Case && win.Trained.Accuracy-c.Trained.Accuracy >= 0.1 {
			return fmt.Sprintf("Training from random numbers (case %d) reached only %s: without what the pretrained network already knows, it would need thousands of pictures to learn to see.",
				c.Case, percent(c.Trained.Accuracy))
		}
	}
	var short []string
	for _, c := range finished {
		if c.Shortened != "" && c.Case != win.Case {
			short = append(short, fmt.Sprintf("case %d", c.Case))
		}
	}
	if len(short) > 0 {
		return fmt.Sprintf("%s stopped early to stay within the time, so with more time the result might differ.", capitalise(andList(short)))
	}
	return ""
}

func percent(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

// duration is seconds in words: "12 seconds", "4.5 minutes".
func duration(s float64) string {
	if s < 90 {
		return count(s, "second")
	}
	return fmt.Sprintf("%.1f minutes", s/60)
}

// count is "1 picture", "2 pictures", rounded to whole ones.
func count(n float64, unit string) string {
	whole := int(n + 0.5)
	if whole == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", whole, unit)
}

// andList is "a", "a and b", "a, b and c".
func andList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
