// Package ui declares what TransferLab's desktop interface needs from the
// machine-learning engine: the Engine interface and the plain types it
// speaks (engine.go). app/ adapts the real engine to it, tests use a fake;
// so nothing under ui/ imports gorgonia or the engine's packages (only
// engine/cases, which says what the four cases mean).
//
// The interface itself lives in the packages below: one per screen, in
// the order of the work, and the window that holds them as tabs.
//
//	window    the main window: the screens as tabs, menus and shortcuts, drops,
//	          project files (project_io.go); it holds no screen of its own
//	pictures  the Pictures screen: add folders, classes and warnings, labelling, the demo
//	model     the Model screen: network, weights, the four cases and the advice, advanced settings
//	training  the Train screen: start, stop, progress, time left, live charts
//	results   the Results screen: accuracy, confusion matrix, most-wrong pictures, relabelling
//	tryit     the "Try it" screen: classify a dropped picture with the model just trained
//	store     the state the screens share, and its change topics: screens
//	          read and update it instead of calling each other
//	host      what the window lends a screen (dialogs' parent, engine,
//	          status bar, errors, moving to another screen, running jobs)
//	chart     live loss/accuracy line charts
//	thumbs    thumbnail cache and the labelling grid's tile
//	look      theme and text size
//	notices   the dataset checks and how a notice is shown
//	words     percentages and picture counts as the screens say them
//	project   the project file (labels, classes, settings) and its autosaver
//	uitest, uithread  driving the real window in headless tests, and one
//	          screen alone on a test bench (a host and a store, no window)
//	fakeengine  a small, honest Engine for those tests
//
// Every engine call runs as a job through an injectable launcher (a
// goroutine by default, inline in tests) and widgets are only touched from
// fyne.Do.
package ui
