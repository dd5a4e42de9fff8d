// Package eval measures how well reprint finds reuse: it scores a report
// against a synth benchmark's truth (pairwise precision, recall and F1, the
// adjusted Rand index, recall by edit level, originals named correctly,
// false positives between independently written paragraphs), and measures the
// LSH index against an exact all-pairs computation.
//
// Paragraphs that are only partly reused (split, merged, or holding a moved
// span) are left out of the clustering scores: they belong to partial reuse.
package eval
