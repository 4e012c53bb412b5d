package record

// Reorder puts the items whose ids are listed first, in that order, and the others after them in their
// current order. It returns the index in ids of the first id that is unknown or repeated (-1 when all
// are fine), so the caller can name the offending element.
func Reorder[T any](items []T, ids []int64, id func(T) int64) ([]T, int) {
	byID := make(map[int64]T, len(items))
	for _, it := range items {
		byID[id(it)] = it
	}
	seen := make(map[int64]bool, len(ids))
	order := make([]T, 0, len(items))
	for i, want := range ids {
		it, ok := byID[want]
		if !ok || seen[want] {
			return nil, i
		}
		seen[want] = true
		order = append(order, it)
	}
	for _, it := range items {
		if !seen[id(it)] {
			order = append(order, it)
		}
	}
	return order, -1
}

// SortPosition is the sort_order value of the i-th item after a reorder; gaps of ten leave room for
// manual inserts.
func SortPosition(i int) int { return (i + 1) * 10 }
