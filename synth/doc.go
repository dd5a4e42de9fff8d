// Package synth builds a synthetic republishing benchmark from real news
// prose: original articles, republished copies of their paragraphs with
// controlled edits, paragraphs moved between articles, split and merged, spans
// moved into new paragraphs, and the truth of where every paragraph came from.
//
// Everything is deterministic from Config.Seed. The benchmark is written to a
// temporary folder by the evaluation and the benchmarks; it is never committed.
//
// A republished article mixes copied paragraphs with "own words": paragraphs
// of held-out source articles that appear nowhere else, so every pair between
// them and the originals is a pair of independently written paragraphs, often
// on the same topic.
package synth
