// Package lsh finds the paragraphs that recur across articles: it takes
// shingled paragraphs and gives clusters of them.
//
// Identical shingle sets collapse first, so a passage copied verbatim a
// thousand times is signed and indexed once. Each distinct set gets a MinHash
// signature, cut into bands of rows as ekzhu/minhash-lsh's optimiser chooses
// for the hash count and threshold. Sets whose rows agree in a band share a
// bucket; each band is a radix sort of packed keys. Within a bucket a set is
// verified exactly (Jaccard and length ratio on the shingle sets) against the
// bucket's first set and its predecessor, unless union-find has joined them
// already, so a big bucket costs checks linear in its size. Clusters are the
// connected components of the verified pairs.
//
// Only paragraphs of different articles are joined: a paragraph an article
// repeats inside itself is not reuse. When such a repeat is also copied by
// another article, both of the article's copies are members of the cluster
// (the report marks the second one "same-article").
package lsh
