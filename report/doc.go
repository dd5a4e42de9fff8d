// Package report turns clusters of recycled paragraphs into what a person (or
// a pipeline) reads: for each cluster its original and its copies, for each
// article how much of it is reused and from where, rendered as a terminal
// table, Markdown, CSV or JSON.
//
// The original of a cluster is the member whose article was published first.
// When dates cannot decide (a member's article is undated, or the earliest
// date is shared), input order does, and the report says so.
package report
