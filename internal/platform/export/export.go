package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Format is an export file format.
type Format string

// The supported formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ContentType is the media type of a file in format f.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// Writer writes one table: a header row, then data rows, then Close.
type Writer interface {
	// Row writes one row of cells (strings, numbers or booleans; nil is an empty cell).
	Row(cells []any) error
	// Close finishes the file; nothing may be written after it.
	Close() error
}

// New returns a writer of format f over w.
func New(f Format, w io.Writer, sheet string) (Writer, error) {
	switch f {
	case CSV:
		return NewCSV(w)
	case XLSX:
		return NewXLSX(w, sheet)
	}
	return nil, fmt.Errorf("export: unknown format %q", f)
}

// BOM is the UTF-8 byte-order mark a CSV file starts with.
const BOM = "\uFEFF"

type csvWriter struct {
	cw  *csv.Writer
	buf []string
}

// NewCSV writes RFC 4180 CSV (CRLF line ends) to w, starting with the UTF-8 BOM.
func NewCSV(w io.Writer) (Writer, error) {
	if _, err := io.WriteString(w, BOM); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &csvWriter{cw: cw}, nil
}

func (c *csvWriter) Row(cells []any) error {
	c.buf = c.buf[:0]
	for _, v := range cells {
		c.buf = append(c.buf, csvText(v))
	}
	return c.cw.Write(c.buf)
}

func (c *csvWriter) Close() error {
	c.cw.Flush()
	return c.cw.Error()
}

// csvText is a cell as CSV text; text that a spreadsheet would run as a formula is neutralised.
func csvText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return Neutralise(x)
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return fmt.Sprint(v)
}

// Neutralise prefixes text a spreadsheet would interpret as a formula (it starts with =, +, -, @, tab
// or carriage return) with an apostrophe, so it is shown as typed and never evaluated.
func Neutralise(s string) string {
	if IsRisky(s) {
		return "'" + s
	}
	return s
}

// IsRisky reports whether text starts with a character that makes spreadsheets evaluate it.
func IsRisky(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

type xlsxWriter struct {
	w    io.Writer
	f    *excelize.File
	sw   *excelize.StreamWriter
	row  int
	cell []any
}

// NewXLSX writes an Excel workbook with one sheet (named sheet, when valid) to w on Close.
func NewXLSX(w io.Writer, sheet string) (Writer, error) {
	f := excelize.NewFile()
	name := "Sheet1"
	if sheet != "" && f.SetSheetName(name, sheet) == nil {
		name = sheet
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return &xlsxWriter{w: w, f: f, sw: sw}, nil
}

func (x *xlsxWriter) Row(cells []any) error {
	x.row++
	x.cell = x.cell[:0]
	for _, v := range cells {
		switch s := v.(type) {
		case string:
			// A plain string value: excelize stores it as text, never as a formula.
			x.cell = append(x.cell, excelize.Cell{Value: s})
		default:
			x.cell = append(x.cell, v)
		}
	}
	ref, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(ref, x.cell)
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(x.w)
}
