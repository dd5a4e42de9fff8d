package report

import (
	"fmt"

	"github.com/reprint/reprint/internal/plural"
)

// Headline is the one-line summary, e.g. "5 articles, 76 paragraphs: 7
// recycled passages in 21 paragraphs (14 reused copies), 1 partial reuse";
// the partial reuse only when there is some, and how much of it is a
// formula's. Of a report Select narrowed, it says what is shown of what
// was found: "2 of 5 articles, ...: 3 of 7 recycled passages ...".
func (r *Report) Headline() string {
	s, f := r.Summary, r.Summary
	if r.Found != nil {
		f = *r.Found
	}
	of := func(n, found int, what string) string {
		if n == found {
			return plural.Of(n, what)
		}
		return fmt.Sprintf("%d of %s", n, plural.Of(found, what))
	}
	line := fmt.Sprintf("%s, %s: %s in %s (%s)",
		of(s.Articles, f.Articles, "article"), plural.Of(s.Paragraphs, "paragraph"),
		of(s.Passages, f.Passages, "recycled passage"), plural.Of(s.Recycled, "paragraph"), plural.Of(s.Reused, "reused copy"))
	if s.Partial > 0 || f.Partial > 0 {
		line += ", " + of(s.Partial, f.Partial, "partial reuse")
	}
	if s.Formula > 0 {
		line += fmt.Sprintf(" (%d of it formula)", s.Formula)
	}
	return line
}

// Notes are the sentences that qualify the result: missing dates and
// skipped input.
func (r *Report) Notes() []string {
	var notes []string
	s := r.Summary
	switch {
	case s.Articles > 0 && s.Undated == s.Articles && !r.datedMember():
		notes = append(notes, "No publication dates: each original is the copy that comes first in the input.")
	case s.Undated > 0 && s.WithUndated == 0:
		notes = append(notes, fmt.Sprintf("Dates missing for %d of %d articles, none of them in a recycled passage.", s.Undated, s.Articles))
	case s.Undated > 0:
		notes = append(notes, fmt.Sprintf("Dates missing for %d of %d articles, in %s: an undated article counts as later than every dated one, undated ones in input order.",
			s.Undated, s.Articles, plural.Of(s.WithUndated, "passage")))
	}
	if n := s.SameDate; n > 0 {
		notes = append(notes, fmt.Sprintf("%s chosen by input order where copies share the earliest date.", plural.Of(n, "original")))
	}
	if n := len(r.Template); n > 0 {
		what := "left out of the passages and shares"
		if r.Settings.IncludeTemplate {
			what = "counted as story text (--include-template)"
		}
		notes = append(notes, fmt.Sprintf("%s of site furniture (in nearly every article of a source), %s: listed under Site furniture.", plural.Of(n, "line"), what))
	}
	if n := len(r.Skipped); n > 0 {
		notes = append(notes, fmt.Sprintf("Skipped %s of input (listed on standard error).", plural.Of(n, "piece")))
	}
	return notes
}

// Kind says how a member relates to the original: "original", "verbatim",
// "edited", or "same-article".
func (m Member) Kind() string {
	switch {
	case m.Role == Original || m.Role == SameArticle:
		return m.Role
	case m.Verbatim:
		return "verbatim"
	default:
		return "edited"
	}
}

// CopyOfText says which member a copy was verified against: "copy of ¶3 of
// bbc-0412"; "" for the original.
func (m Member) CopyOfText() string {
	if m.CopyOf == nil {
		return ""
	}
	return fmt.Sprintf("copy of ¶%d of %s%s", m.CopyOf.Paragraph, m.CopyOf.Article, archiveMark(m.CopyOf.Archived))
}

// Match is Kind with the similarity of an edited copy: "edited, Jaccard 0.87".
func (m Member) Match() string {
	if m.Kind() == "edited" {
		return fmt.Sprintf("edited, Jaccard %.2f", m.Sim.Jaccard)
	}
	return m.Kind()
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", 100*f) }

// datedMember reports a passage member with a date: in a report narrowed
// to undated articles (Narrow), archived members can have one.
func (r *Report) datedMember() bool {
	for i := range r.Clusters {
		for _, m := range r.Clusters[i].Members {
			if !m.Published.IsZero() {
				return true
			}
		}
	}
	return false
}

// archiveMark follows an article's name where it was read from an archive
// index rather than the input (reprint check).
func archiveMark(archived bool) string {
	if archived {
		return " (archive)"
	}
	return ""
}
