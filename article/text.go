package article

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
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
		if looksUTF16(data) {
			return errUTF16
		}
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

// errUTF16 is what CheckText says of UTF-16 text without a byte-order mark.
var errUTF16 = errors.New("UTF-16 text without a byte-order mark: reprint reads UTF-8, and UTF-16 with its mark (convert it: iconv -f UTF-16LE -t UTF-8)")

// decodeText is data as UTF-8: UTF-16 with a byte-order mark is decoded, and
// a UTF-8 byte-order mark dropped. Anything else is left to CheckText.
func decodeText(data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("UTF-16 (byte-order mark %02X %02X) that does not decode: %v", data[0], data[1], err)
		}
		return out, nil
	}
	return bytes.TrimPrefix(data, []byte("\uFEFF")), nil
}

// looksUTF16 reports text in UTF-16 without its byte-order mark: most of
// its first bytes at even, or at odd, offsets are NUL.
func looksUTF16(data []byte) bool {
	n := min(len(data), 512) &^ 1
	if n < 4 {
		return false
	}
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return (even > half*3/4 && odd == 0) || (odd > half*3/4 && even == 0)
}
