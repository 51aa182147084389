package pictures

// For the window-level benchmark (package pictures_test, which may import
// the window that imports this package).
var (
	ManyPictures = manyPictures
	ProjectOf    = projectOf
	BenchN       = benchPictures
)
