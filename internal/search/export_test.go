package search

// SetCandidates changes how many matching rows s ranks per entity (tests of the bound).
func SetCandidates(s *Service, n int) { s.candidates = n }
