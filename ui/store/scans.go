package store

import (
	"maps"

	"transferlab/ui"
)

// Unreadable maps the files the scans could not use to the reason.
func (s *Store) Unreadable() map[string]string { return maps.Clone(s.unreadable) }

// Missing lists project pictures whose files were not found at the last
// scan (moved or deleted since the project was saved).
func (s *Store) Missing() []string { return s.missing }

// SetMissing records what the last scan could not find; it notifies no
// one, as a scan that adds pictures ends with Scanned anyway.
func (s *Store) SetMissing(missing []string) { s.missing = missing }

// Scanned records the files a finished scan could not use and tells
// Scanned listeners that pictures may have arrived.
func (s *Store) Scanned(unreadable []ui.BadFile) {
	for _, b := range unreadable {
		s.unreadable[b.Path] = b.Reason
	}
	s.emit(Scanned)
}
