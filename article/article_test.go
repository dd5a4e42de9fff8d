package article

import "testing"

func TestCheckCount(t *testing.T) {
	for _, tt := range []struct {
		n  int
		ok bool
	}{{0, true}, {MaxArticles, true}, {MaxArticles + 1, false}} {
		if err := CheckCount(tt.n); (err == nil) != tt.ok {
			t.Errorf("CheckCount(%d) = %v, want ok %v", tt.n, err, tt.ok)
		}
	}
}
