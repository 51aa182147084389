package session

import "transferlab/engine/explain"

// ExplainClassifier prepares Grad-CAM maps (engine/explain) for the saved
// classifier at path, loaded once per session.
func (s *Session) ExplainClassifier(path string) (*explain.Explainer, error) {
	clf, err := s.Classifier(path)
	if err != nil {
		return nil, err
	}
	return explain.ForClassifier(clf)
}

// ExplainImageNet prepares Grad-CAM maps for network with its ImageNet
// weights (file, or the cached ones when "") and head.
func (s *Session) ExplainImageNet(network, file string) (*explain.Explainer, error) {
	sd, err := s.Pretrained(network, file)
	if err != nil {
		return nil, err
	}
	return explain.Pretrained(network, sd)
}
