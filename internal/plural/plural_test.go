package plural

import "testing"

func TestOf(t *testing.T) {
	tests := []struct {
		n    int
		noun string
		want string
	}{
		{1, "word", "1 word"},
		{0, "word", "0 words"},
		{3, "copied paragraph", "3 copied paragraphs"},
		{2, "copy", "2 copies"},
		{1, "copy", "1 copy"},
		{2, "partial reuse", "2 partial reuse"},
	}
	for _, tt := range tests {
		if got := Of(tt.n, tt.noun); got != tt.want {
			t.Errorf("Of(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
}
