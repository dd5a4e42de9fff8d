// Package shingle turns articles into paragraphs ready for comparison: each
// paragraph's words (package prose) hashed into a set of word shingles, the
// representation the lsh stage compares, and its facts (figures and names),
// which tell a formula's instances apart.
//
// A shingle's hash combines the hashes of its words, so a paragraph of n
// words costs n word hashes, not n shingle-length byte hashes.
package shingle
