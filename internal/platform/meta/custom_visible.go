package meta

// VisibleCustom keeps the values of active definitions: values of deleted or deactivated fields stay
// stored but are not shown.
func VisibleCustom(values map[string]any, defs []CustomDef) map[string]any {
	out := make(map[string]any, len(defs))
	for _, d := range defs {
		if v, ok := values[d.Key]; ok {
			out[d.Key] = v
		}
	}
	return out
}
