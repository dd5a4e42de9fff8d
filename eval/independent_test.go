package eval

import (
	"fmt"
	"slices"
	"testing"

	"github.com/reprint/reprint/internal/fixture"
	"github.com/reprint/reprint/synth"
)

func TestIndependentDropsDuplicates(t *testing.T) {
	var src []synth.Source
	for i := range 5 {
		src = append(src, synth.Source{ID: fmt.Sprintf("s%02d", i), Paragraphs: fixture.Paragraphs(i, 4, 14)})
	}
	dup := src[1]
	dup.ID = "dup"
	dup.Paragraphs = slices.Clone(dup.Paragraphs)
	dup.Paragraphs[0] = "An entirely new first paragraph with words of its own, nothing like the rest of the story."
	kept, dropped := Independent(append(src, dup))
	if len(kept) != 5 || !slices.Equal(dropped, []string{"dup"}) {
		t.Errorf("kept %d, dropped %v; want 5 and [dup]", len(kept), dropped)
	}
}
