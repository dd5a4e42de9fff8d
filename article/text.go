package article

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrEmpty is returned for a file that holds no text.
var ErrEmpty = errors.New("empty: no headline and no text")

// A LineError is a problem at one line of the input.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseText reads a plain-text or Markdown article: the first non-empty line
// is the headline (a Markdown "# " marker is dropped from it), the rest is the
// body. Line endings are normalised to "\n" and a byte-order mark is dropped.
// Binary data and invalid UTF-8 are errors (a *LineError where a line is known).
func ParseText(data []byte) (title, body string, err error) {
	if err := CheckText(data); err != nil {
		return "", "", err
	}
	s := strings.TrimPrefix(string(data), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	for s != "" {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if line = strings.TrimSpace(line); line != "" {
			title = strings.TrimSpace(strings.TrimLeft(line, "#"))
			if title == "" { // a line of only '#' is no headline
				continue
			}
			return title, s, nil
		}
	}
	return "", "", ErrEmpty
}

// CheckText rejects data that is not UTF-8 text: a NUL byte marks a binary
// file, and the first invalid UTF-8 sequence is reported with its line.
func CheckText(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return &LineError{Line: lineOf(data, i), Msg: "binary data (NUL byte), not text"}
	}
	if utf8.Valid(data) {
		return nil
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return &LineError{Line: lineOf(data, i), Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", data[i])}
		}
		i += n
	}
	return nil
}

func lineOf(data []byte, offset int) int { return bytes.Count(data[:offset], []byte("\n")) + 1 }
