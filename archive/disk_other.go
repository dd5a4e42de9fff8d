//go:build !unix

package archive

import "io/fs"

// onDisk is the room a file takes on disk, taken to be its length where
// the system does not say what is allocated to it.
func onDisk(info fs.FileInfo) int64 { return info.Size() }
