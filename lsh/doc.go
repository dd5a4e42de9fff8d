// Package lsh finds the paragraphs that recur across articles: it takes
// shingled paragraphs and gives clusters of them.
//
// Identical shingle sets collapse first, so a passage copied verbatim a
// thousand times is signed and indexed once. Each distinct set gets a MinHash
// signature; the ekzhu/minhash-lsh index proposes candidate pairs; every
// candidate is then verified exactly on the shingle sets (Jaccard, and
// containment of the smaller set in the larger) before it becomes an edge.
// Clusters are the connected components of those edges.
//
// Only paragraphs of different articles are joined: a paragraph an article
// repeats inside itself is not reuse. When such a repeat is also copied by
// another article, both of the article's copies are members of the cluster
// (the report marks the second one "same-article").
package lsh
