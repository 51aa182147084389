// Package project is the TransferLab project file: which pictures belong to
// which class, which are excluded, where they were found, the training
// settings the user chose and every training run with its results (so a
// reopened project shows its model without training again). It is
// user-interface state, kept apart from the engine and from Fyne so it can
// be tested and reused by the command line.
//
// The file is JSON. Image paths inside the project folder are stored relative
// to it (the runs' classifier files and predicted pictures too), so a
// classroom can copy "project + pictures" as one folder; paths elsewhere
// stay absolute. The user's pictures are never moved, renamed or deleted:
// relabelling only changes the project file, and Export copies.
package project
