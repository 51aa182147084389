// Package dataset finds the labelled images of a transfer-learning job: a
// folder of class folders, or a folder holding train/ and val/ (or
// validation/) folders of class folders. It splits them into training and
// validation sets, stratified and seeded, and lists every file it leaves out
// with the reason. It never moves, changes or deletes a user's file.
package dataset
