// Package shingle turns article bodies into paragraphs and paragraphs into
// sets of hashed word shingles, the representation the lsh stage compares.
//
// Normalisation is built for real news typography: Unicode NFKC (no-break
// spaces, full-width forms, ligatures), case folding, curly quotes made
// straight, hyphen-like dashes joining words and em dashes separating them,
// and punctuation split from the words it is glued to, as in
// "Army(LNA)and". Words keep inner apostrophes and hyphens ("doesn't",
// "al-Sisi") and digit groups ("1.13", "10,000").
//
// Each word is hashed once (xxHash64); a shingle's hash combines the hashes
// of its words, so a paragraph of n words costs n word hashes, not n
// shingle-length byte hashes.
package shingle
