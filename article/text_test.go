package article

import (
	"errors"
	"testing"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name, in    string
		title, body string
		errLine     int // >0: a *LineError at this line; -1: ErrEmpty
	}{
		{"headline then body", "Title\n\nPara one.\n\nPara two.", "Title", "\nPara one.\n\nPara two.", 0},
		{"leading blank lines", "\n\n  Title  \nbody", "Title", "body", 0},
		{"markdown heading", "# Big news\n\ntext", "Big news", "\ntext", 0},
		{"lone hashes are no headline", "##\nReal title\nbody", "Real title", "body", 0},
		{"CRLF line endings", "Title\r\n\r\nbody\r\n", "Title", "\nbody\n", 0},
		{"byte-order mark", "\uFEFFTitle\nbody", "Title", "body", 0},
		{"headline only", "Title", "Title", "", 0},
		{"empty", "", "", "", -1},
		{"only white space", " \n\t\n", "", "", -1},
		{"NUL byte", "Title\nbo\x00dy", "", "", 2},
		{"invalid UTF-8 on line 3", "Title\n\nbad \xff byte", "", "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, body, err := ParseText([]byte(tt.in))
			var le *LineError
			switch {
			case tt.errLine == -1:
				if !errors.Is(err, ErrEmpty) {
					t.Fatalf("err = %v, want ErrEmpty", err)
				}
			case tt.errLine > 0:
				if !errors.As(err, &le) || le.Line != tt.errLine {
					t.Fatalf("err = %v, want a LineError at line %d", err, tt.errLine)
				}
			case err != nil:
				t.Fatalf("unexpected error %v", err)
			case title != tt.title || body != tt.body:
				t.Errorf("got (%q, %q), want (%q, %q)", title, body, tt.title, tt.body)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string // want "" with ok: the unknown date
		ok       bool
	}{
		{"2017-05-29", "2017-05-29", true},
		{" 2017-05-29 ", "2017-05-29", true},
		{"2017-10-31T08:30:00Z", "2017-10-31T08:30:00Z", true},
		{"2017-10-31T08:30:00+02:00", "2017-10-31T08:30:00+02:00", true},
		{"", "", true},
		{"2017-13-01", "", false},
		{"29/05/2017", "", false},
		{"May 29, 2017", "", false},
		{"0001-01-01", "", false},           // the zero date is no date: refused, not read as undated
		{"0001-01-01T00:00:00Z", "", false}, // the same instant
		{"0001-01-02", "0001-01-02", true},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseDate(%q) error = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if FormatDate(got) != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, FormatDate(got), tt.want)
		}
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{"Title\n\nbody", "", "\xff", "a\x00b", "# x\r\n\r\ny", "\uFEFF\n\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		title, _, err := ParseText(data)
		if err == nil && title == "" {
			t.Fatalf("no error and no title for %q", data)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2017-05-29", "2017-10-31T08:30:00Z", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// A date we accept prints as one we accept again, unchanged.
		again, err := ParseDate(FormatDate(d))
		if err != nil || !again.Equal(d) {
			t.Fatalf("%q -> %q does not read back: %v", s, FormatDate(d), err)
		}
	})
}
