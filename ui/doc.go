// Package ui is TransferLab's desktop user interface: the data and
// labelling screen, the model-and-case screen, the training screen with live
// charts, the results screen and "Try it".
//
// The package talks to the machine-learning side only through the Engine
// interface it declares (engine.go), with plain structs, so it never imports
// gorgonia or the engine packages; app/ adapts the real engine to it.
// Every engine call runs as a job through an injectable Launcher (a
// goroutine by default, inline in tests) and widgets are only touched from
// fyne.Do.
package ui
