//go:build unix

package archive

import (
	"io/fs"
	"syscall"
)

// onDisk is the room a file takes on disk: what is allocated to it, which
// may be more than its length (space set aside) or less (a sparse file).
func onDisk(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return int64(st.Blocks) * 512
	}
	return info.Size()
}
