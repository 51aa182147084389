// Package project is the TransferLab project file: which pictures belong to
// which class, which are excluded, where they were found and the training
// settings the user chose. It is user-interface state, kept apart from the
// engine and from Fyne so it can be tested and reused by the command line.
//
// The file is JSON. Image paths inside the project folder are stored relative
// to it, so a classroom can copy "project + pictures" as one folder; paths
// elsewhere stay absolute. The user's pictures are never moved, renamed or
// deleted: relabelling only changes the project file, and Export copies.
package project
