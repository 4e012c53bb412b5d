package iam_test

import (
	"encoding/json"
	"strconv"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
