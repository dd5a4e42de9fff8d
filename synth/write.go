package synth

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"time"
)

// WriteJSONL writes the articles as article JSONL ("id", "title", "text",
// "published", with the topic as "source"), the headline as the text's first
// paragraph.
func (b *Benchmark) WriteJSONL(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, a := range b.Articles {
		rec := struct {
			ID        string `json:"id"`
			Title     string `json:"title"`
			Text      string `json:"text"`
			Published string `json:"published"`
			Source    string `json:"source"`
		}{a.ID, a.Title, a.Title + "\n\n" + strings.Join(a.Paragraphs, "\n\n"), a.Published.Format(time.DateOnly), a.Topic}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteTruth writes one JSON object a line: the Origin of every paragraph.
func (b *Benchmark) WriteTruth(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, o := range b.Origins {
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	return bw.Flush()
}
